import Testing

/// Parent of every integration suite. Serialized: the simulator and the code under test
/// share two cores, and the time-out checks must not race each other's load.
@Suite(.serialized, .timeLimit(.minutes(5))) enum Integration {}
