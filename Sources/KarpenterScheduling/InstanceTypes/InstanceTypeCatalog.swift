import KarpenterAPI

/// A user-supplied list of instance types (YAML or JSON, already parsed to a `JSONValue`):
///
/// ```yaml
/// kind: InstanceTypeCatalog
/// instanceTypes:
/// - name: m-4x16
///   capacity: {cpu: "4", memory: 16Gi, pods: "110", nvidia.com/gpu: "1"}
///   overhead: {kubeReserved: {cpu: 80m}, systemReserved: {}, evictionThreshold: {memory: 100Mi}}
///   requirements: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]
///   offerings: [{zone: zone-a, capacityType: spot, price: 0.05, available: true}]
/// ```
///
/// `node.kubernetes.io/instance-type In [name]` is added to every type, and zone and
/// capacity-type requirements are derived from the available offerings unless given.
public enum InstanceTypeCatalog {
    public static let kind = "InstanceTypeCatalog"

    public static func decode(_ document: JSONValue) throws(InstanceTypeCatalogError) -> [InstanceType] {
        var decoder = CatalogDecoder()
        let result = decoder.catalog(document)
        if !decoder.issues.isEmpty { throw InstanceTypeCatalogError(issues: decoder.issues) }
        return result
    }
}

/// Walks the document collecting every issue rather than stopping at the first.
private struct CatalogDecoder {
    var issues: [InstanceTypeCatalogError.Issue] = []

    mutating func fail(_ path: FieldPath, _ message: String) {
        issues.append(.init(path: path, message: message))
    }

    mutating func object(_ value: JSONValue, _ path: FieldPath, allowed: Set<String>) -> [String: JSONValue]? {
        guard let dict = value.objectValue else {
            fail(path, "must be an object, got \(value.typeName)")
            return nil
        }
        for key in dict.keys where !allowed.contains(key) {
            fail(path.child(key), "unknown field (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
        return Dictionary(uniqueKeysWithValues: dict.map { ($0.key, $0.value) })
    }

    mutating func array(_ value: JSONValue?, _ path: FieldPath, required: Bool) -> [JSONValue] {
        guard let value, !value.isNull else {
            if required { fail(path, "required") }
            return []
        }
        guard let items = value.arrayValue else {
            fail(path, "must be an array, got \(value.typeName)")
            return []
        }
        return items
    }

    mutating func string(_ value: JSONValue?, _ path: FieldPath, required: Bool) -> String? {
        guard let value, !value.isNull else {
            if required { fail(path, "required") }
            return nil
        }
        guard let text = value.stringValue else {
            fail(path, "must be a string, got \(value.typeName)")
            return nil
        }
        if required && text.isEmpty { fail(path, "must not be empty") }
        return text
    }

    mutating func catalog(_ document: JSONValue) -> [InstanceType] {
        guard let root = object(document, .root, allowed: ["apiVersion", "kind", "metadata", "instanceTypes"]) else { return [] }
        let kindPath = FieldPath.root.child("kind")
        if let kind = string(root["kind"], kindPath, required: true), kind != InstanceTypeCatalog.kind {
            fail(kindPath, "must be \"\(InstanceTypeCatalog.kind)\", got \"\(kind)\"")
        }
        let listPath = FieldPath.root.child("instanceTypes")
        var seen: [String: Int] = [:]
        var result: [InstanceType] = []
        for (index, item) in array(root["instanceTypes"], listPath, required: true).enumerated() {
            let path = listPath.index(index)
            let parsed = instanceType(item, path)
            if let name = item["name"]?.stringValue, !name.isEmpty {
                if let first = seen[name] {
                    fail(path.child("name"), "duplicate name \"\(name)\" (also at \(listPath.index(first)))")
                    continue
                }
                seen[name] = index
            }
            if let parsed { result.append(parsed) }
        }
        return result
    }

    mutating func instanceType(_ value: JSONValue, _ path: FieldPath) -> InstanceType? {
        guard let fields = object(value, path, allowed: ["name", "capacity", "overhead", "requirements", "offerings"]) else { return nil }
        let before = issues.count
        let name = string(fields["name"], path.child("name"), required: true) ?? ""
        let capacity = resources(fields["capacity"], path.child("capacity"), required: true)
        var overhead = InstanceTypeOverhead()
        if let value = fields["overhead"], !value.isNull {
            let overheadPath = path.child("overhead")
            if let parts = object(value, overheadPath, allowed: ["kubeReserved", "systemReserved", "evictionThreshold"]) {
                overhead.kubeReserved = resources(parts["kubeReserved"], overheadPath.child("kubeReserved"), required: false)
                overhead.systemReserved = resources(parts["systemReserved"], overheadPath.child("systemReserved"), required: false)
                overhead.evictionThreshold = resources(parts["evictionThreshold"], overheadPath.child("evictionThreshold"), required: false)
            }
        }
        var requirements = self.requirements(fields["requirements"], path.child("requirements"))
        let offeringsPath = path.child("offerings")
        let offeringItems = array(fields["offerings"], offeringsPath, required: true)
        if fields["offerings"] != nil && offeringItems.isEmpty && fields["offerings"]?.arrayValue != nil {
            fail(offeringsPath, "must list at least one offering")
        }
        var offerings: [Offering] = []
        for (index, item) in offeringItems.enumerated() {
            if let offering = offering(item, offeringsPath.index(index)) { offerings.append(offering) }
        }
        guard issues.count == before else { return nil }

        requirements.add(.in(SchedulingLabel.instanceType, [name]))
        let available = offerings.filter(\.available)
        if !requirements.has(SchedulingLabel.zone) {
            requirements.add(.in(SchedulingLabel.zone, available.map(\.zone)))
        }
        if !requirements.has(SchedulingLabel.capacityType) {
            requirements.add(.in(SchedulingLabel.capacityType, available.map(\.capacityType)))
        }
        return InstanceType(name: name, requirements: requirements, capacity: capacity,
                            overhead: overhead, offerings: offerings)
    }

    mutating func resources(_ value: JSONValue?, _ path: FieldPath, required: Bool) -> ResourceVector {
        guard let value, !value.isNull else {
            if required { fail(path, "required") }
            return .zero
        }
        guard let dict = value.objectValue else {
            fail(path, "must be an object of resource quantities, got \(value.typeName)")
            return .zero
        }
        var quantities: [String: Quantity] = [:]
        for (name, item) in dict {
            let text: String
            switch item {
            case .string(let string): text = string
            case .number(let number): text = number
            default:
                fail(path.key(name), "must be a quantity string or number, got \(item.typeName)")
                continue
            }
            do {
                let quantity = try Quantity(parsing: text)
                if quantity.milliValue < 0 {
                    fail(path.key(name), "must not be negative, got \"\(text)\"")
                } else {
                    quantities[name] = quantity
                }
            } catch {
                fail(path.key(name), error.description)
            }
        }
        return ResourceVector(quantities: quantities)
    }

    mutating func requirements(_ value: JSONValue?, _ path: FieldPath) -> Requirements {
        var result = Requirements()
        for (index, item) in array(value, path, required: false).enumerated() {
            let itemPath = path.index(index)
            guard let fields = object(item, itemPath, allowed: ["key", "operator", "values", "minValues"]) else { continue }
            let key = string(fields["key"], itemPath.child("key"), required: true)
            let op = string(fields["operator"], itemPath.child("operator"), required: true)
            var values: [String] = []
            for (valueIndex, entry) in array(fields["values"], itemPath.child("values"), required: false).enumerated() {
                if let text = string(entry, itemPath.child("values").index(valueIndex), required: false) { values.append(text) }
            }
            var minValues: Int?
            if let raw = fields["minValues"], !raw.isNull {
                if let number = raw.integerValue, number >= 1, number <= 50 { minValues = Int(number) }
                else { fail(itemPath.child("minValues"), "must be an integer between 1 and 50") }
            }
            guard let key, let op, !key.isEmpty else { continue }
            do {
                result.add(try Requirement(RequirementInput(key: key, operator: op, values: values, minValues: minValues)))
            } catch {
                let field = if case .unknownOperator = error { "operator" } else { "values" }
                fail(itemPath.child(field), error.description)
            }
        }
        return result
    }

    mutating func offering(_ value: JSONValue, _ path: FieldPath) -> Offering? {
        guard let fields = object(value, path, allowed: ["zone", "capacityType", "price", "available", "requirements"]) else { return nil }
        let before = issues.count
        let zone = string(fields["zone"], path.child("zone"), required: true) ?? ""
        let capacityType = string(fields["capacityType"], path.child("capacityType"), required: true) ?? ""
        var price = 0.0
        switch fields["price"] {
        case .number(let text)?: price = Double(text) ?? -1
        case .string(let text)?: price = Double(text) ?? -1
        case nil, .null?: fail(path.child("price"), "required")
        case let other?: fail(path.child("price"), "must be a number, got \(other.typeName)")
        }
        if price < 0 || !price.isFinite { fail(path.child("price"), "must be a non-negative number") }
        var available = true
        if let raw = fields["available"], !raw.isNull {
            if let flag = raw.boolValue { available = flag }
            else { fail(path.child("available"), "must be a boolean, got \(raw.typeName)") }
        }
        let extra = requirements(fields["requirements"], path.child("requirements"))
        guard issues.count == before else { return nil }
        return Offering(zone: zone, capacityType: capacityType, price: price, available: available,
                        extraRequirements: Array(extra))
    }
}
