import KarpenterAPI

extension StoreState {
    static let initialEventsEndAnnotation = "k8s.io/initial-events-end"

    /// Registers a watch and hands its sink the events it starts with: the current objects
    /// (no resourceVersion, "0", or `sendInitialEvents`), or the changes after the given
    /// resourceVersion. A resourceVersion older than the history is a 410.
    mutating func subscribe(_ type: ResourceType, namespace: String?, options: WatchOptions,
                            sink: any WatchSink) throws(APIError) -> Int {
        try options.fieldSelector.validate(for: type)
        let watcher = Watcher(id: nextWatcherID, type: type, namespace: namespace,
                              labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, sink: sink)
        let requested = options.resourceVersion ?? ""
        if options.sendInitialEvents || requested.isEmpty || requested == "0" {
            for object in sorted(type, namespace: namespace) where watcher.selects(object) {
                sink.receive(WatchEvent(type: .added, object: type.present(object)))
            }
            if options.sendInitialEvents {
                sink.receive(WatchEvent(type: .bookmark, object: type.bookmark(
                    resourceVersion: resourceVersion, annotations: [Self.initialEventsEndAnnotation: "true"])))
            }
        } else {
            let since = try Self.parseResourceVersion(requested)
            guard history.covers(since: since) else {
                throw .expired("too old resource version: \(since) (\(history.compactedThrough))")
            }
            for change in history.changes(of: type.storageKey, after: since) {
                if let event = watcher.event(for: change) { sink.receive(event) }
            }
        }
        nextWatcherID += 1
        watchers[watcher.id] = watcher
        return watcher.id
    }

    mutating func unsubscribe(_ id: Int) {
        watchers[id] = nil
    }

    /// Sends a BOOKMARK with the current resourceVersion, in order with the watcher's events.
    func sendBookmark(to id: Int) {
        guard let watcher = watchers[id] else { return }
        watcher.sink.receive(WatchEvent(type: .bookmark, object: watcher.type.bookmark(resourceVersion: resourceVersion)))
    }

    /// Ends one watch (its time is up).
    mutating func finishWatch(_ id: Int) {
        watchers.removeValue(forKey: id)?.sink.end(.finished)
    }

    /// Ends the watches `filter` selects (all by default), cleanly (`.finished`) or as a dropped connection.
    mutating func endWatches(_ reason: WatchEnd, where filter: (Watcher) -> Bool = { _ in true }) {
        let ending = watchers.values.filter(filter)
        for watcher in ending {
            watchers[watcher.id] = nil
            watcher.sink.end(reason)
        }
    }
}
