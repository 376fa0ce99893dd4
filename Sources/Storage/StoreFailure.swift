import Foundation
import GRDB

/// Why the store could not be opened or written, said as what it is, with the path and what
/// to do. Only `damaged` justifies moving a store aside; everything else leaves it alone.
public struct StoreFailure: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// SQLite says the file is corrupt or not a database, or its header is unreadable.
        case damaged
        /// Another connection held a lock longer than the busy timeout.
        case busy
        case diskFull
        case permission
        /// Written by a newer Parley: readable, not writable.
        case newerSchema
        case other
    }

    public let kind: Kind
    public let path: String
    private let detail: String

    init(_ kind: Kind, path: String, detail: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    /// `error` as a store failure; one already classified passes through.
    init(_ error: any Error, path: String) {
        if let failure = error as? StoreFailure {
            self = failure
            return
        }
        self.path = path
        if let error = error as? DatabaseError {
            detail = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: kind = .damaged
            case .SQLITE_BUSY, .SQLITE_LOCKED: kind = .busy
            case .SQLITE_FULL: kind = .diskFull
            case .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_AUTH: kind = .permission
            default: kind = .other
            }
        } else if let error = error as? CocoaError, [.fileWriteNoPermission, .fileReadNoPermission].contains(error.code) {
            kind = .permission
            detail = "\(error.localizedDescription)"
        } else if let error = error as? CocoaError, error.code == .fileWriteOutOfSpace {
            kind = .diskFull
            detail = "\(error.localizedDescription)"
        } else {
            kind = .other
            detail = "\(error)"
        }
    }

    public var description: String {
        switch kind {
        case .damaged:
            "the conversation store \(path) is damaged (\(detail))"
        case .busy:
            "the conversation store \(path) is locked by another program (\(detail)) and stayed locked for longer than Parley waits; close what holds it (a backup, an sqlite3 shell) and try again"
        case .diskFull:
            "the disk holding \(path) is full (\(detail)); free some space and Parley saves again"
        case .permission:
            "the conversation store \(path) cannot be written (\(detail)); check that you own it and its folder (chmod u+rw)"
        case .newerSchema:
            "the conversation store \(path) was written by a newer Parley (\(detail)); it is open read-only: saved conversations can be read and searched, nothing new is saved. Update Parley to save here again"
        case .other:
            "the conversation store \(path) failed: \(detail)"
        }
    }
}
