/// VM names whose delete is running in this process (CLOUD.md §6 step 1).
actor InFlightDeletes {
    private var names: Set<String> = []

    /// False when a delete for `name` is already running.
    func begin(_ name: String) -> Bool { names.insert(name).inserted }
    func end(_ name: String) { names.remove(name) }
}
