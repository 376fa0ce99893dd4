import Foundation

/// Finds a theme by name or path: a path is read as it is; a name is looked up as
/// `NAME.theme` in `themes/` of the working directory, of the data folder, and beside the
/// executable (`../share/parley/themes`, and the repository's `themes/` for a build tree).
/// A theme that cannot be read gives the built-in default and a message saying why.
public enum ThemeLibrary {
    public static func load(_ nameOrPath: String, dataDirectory: String) -> (theme: Theme, problem: String?) {
        if nameOrPath.isEmpty || nameOrPath == Theme.builtInDark.name, findFile(named: Theme.builtInDark.name, dataDirectory: dataDirectory) == nil {
            return (.builtInDark, nil)
        }
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme")
        guard let path = isPath ? nameOrPath : findFile(named: nameOrPath, dataDirectory: dataDirectory) else {
            return (.builtInDark, "theme '\(nameOrPath)' not found (looked for \(nameOrPath).theme in \(searchFolders(dataDirectory: dataDirectory).joined(separator: ", "))); using the built-in dark theme")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (.builtInDark, "cannot read the theme file \(path); using the built-in dark theme")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do {
            return (try ThemeFile.parse(String(decoding: data, as: UTF8.self), name: name, file: path), nil)
        } catch {
            return (.builtInDark, "\(error); using the built-in dark theme")
        }
    }

    static func searchFolders(dataDirectory: String) -> [String] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        return [
            FileManager.default.currentDirectoryPath + "/themes",
            dataDirectory + "/themes",
            executable.appendingPathComponent("../share/parley/themes").standardized.path,
            executable.appendingPathComponent("../../themes").standardized.path,
            executable.appendingPathComponent("../../../themes").standardized.path,
        ]
    }

    private static func findFile(named name: String, dataDirectory: String) -> String? {
        searchFolders(dataDirectory: dataDirectory).map { "\($0)/\(name).theme" }.first { FileManager.default.fileExists(atPath: $0) }
    }
}
