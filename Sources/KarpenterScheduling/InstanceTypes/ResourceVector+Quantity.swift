import KarpenterAPI

extension ResourceVector {
    /// Converts Kubernetes quantities: cpu to millicores, everything else to whole base units
    /// (rounded up, as Kubernetes' `Value()` does).
    public init(quantities: [String: Quantity]) {
        self.init()
        for (name, quantity) in quantities {
            self[name] = name == Self.cpu ? quantity.milliValue : quantity.value
        }
    }

    /// The amounts as Kubernetes quantities (cpu printed in millicores when fractional).
    public var quantities: [String: Quantity] {
        var result: [String: Quantity] = [:]
        for (name, amount) in entries {
            result[name] = Self.quantity(name: name, amount: amount)
        }
        return result
    }

    static func quantity(name: String, amount: Int64) -> Quantity {
        let text: String
        if name == cpu {
            text = amount % 1000 == 0 ? String(amount / 1000) : "\(amount)m"
        } else if amount != 0 && amount % (1 << 30) == 0 {
            text = "\(amount >> 30)Gi"
        } else if amount != 0 && amount % (1 << 20) == 0 && name != podsName {
            text = "\(amount >> 20)Mi"
        } else {
            text = String(amount)
        }
        // Plain integers and `Nm` always parse.
        return (try? Quantity(parsing: text)) ?? (try! Quantity(parsing: "0"))
    }
}

extension ResourceVector: CustomStringConvertible {
    /// `{"cpu":"1900m","memory":"5226731929",…}` with zero entries left out, keys sorted.
    public var description: String {
        let parts = nonZeroEntries.sorted { $0.name < $1.name }.map { entry -> String in
            "\"\(entry.name)\":\"\(Self.quantity(name: entry.name, amount: entry.amount))\""
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
