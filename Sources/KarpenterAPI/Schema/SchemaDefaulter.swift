import OrderedCollections

/// Applies CRD `default:` values the way the API server does: nulls of non-nullable fields and
/// map values are pruned first, then missing fields of every present object (and of every list item and map
/// value) get their defaults, recursively, including inside defaults just applied.
public enum SchemaDefaulter {
    public static func apply(_ schema: SchemaNode, to value: JSONValue) -> JSONValue {
        switch value {
        case .object(var dict):
            if !schema.properties.isEmpty {
                for (name, child) in schema.properties {
                    if let existing = dict[name], existing.isNull, !child.nullable {
                        dict.removeValue(forKey: name)
                    }
                    if dict[name] == nil, let fallback = child.defaultValue {
                        dict[name] = fallback
                    }
                    if let present = dict[name] {
                        dict[name] = apply(child, to: present)
                    }
                }
            } else if let valueSchema = schema.mapValues {
                for key in dict.keys {
                    guard let entry = dict[key] else { continue }
                    // Map values are pruned like fields (PruneNonNullableNullsWithoutDefaults
                    // looks up additionalProperties too): `tags: {owner: null}` loses the key.
                    if entry.isNull, !valueSchema.nullable {
                        if let fallback = valueSchema.defaultValue {
                            dict[key] = apply(valueSchema, to: fallback)
                        } else {
                            dict.removeValue(forKey: key)
                        }
                        continue
                    }
                    dict[key] = apply(valueSchema, to: entry)
                }
            }
            return .object(dict)
        case .array(let items):
            guard let itemSchema = schema.items else { return value }
            return .array(items.map { apply(itemSchema, to: $0) })
        default:
            return value
        }
    }
}
