/// Resource name to quantity, as in Kubernetes `corev1.ResourceList`
/// (`cpu: 500m`, `memory: 1Gi`, `pods: "110"`).
public typealias ResourceList = [String: Quantity]

extension Dictionary where Key == String, Value == Quantity {
    /// The key-wise sum; a key missing on one side counts as zero.
    public func adding(_ other: ResourceList) -> ResourceList {
        var result = self
        for (name, quantity) in other {
            result[name] = (result[name] ?? .zero) + quantity
        }
        return result
    }

    /// The key-wise difference; a key missing on one side counts as zero, so a key only
    /// in `other` appears negated.
    public func subtracting(_ other: ResourceList) -> ResourceList {
        var result = self
        for (name, quantity) in other {
            result[name] = (result[name] ?? .zero) - quantity
        }
        return result
    }

    /// The key-wise sum of many lists.
    public static func sum<S: Sequence>(_ lists: S) -> ResourceList where S.Element == ResourceList {
        lists.reduce(into: ResourceList()) { total, list in total = total.adding(list) }
    }

    /// The list without zero quantities.
    public var removingZeros: ResourceList {
        filter { !$0.value.isZero }
    }

    /// The quantity for `name`, or zero when absent.
    public func quantity(_ name: String) -> Quantity {
        self[name] ?? .zero
    }
}
