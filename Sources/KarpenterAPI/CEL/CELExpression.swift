/// The syntax tree of the subset of CEL that CRD validation rules use.
indirect enum CELExpression: Sendable {
    case literal(CELValue)
    case identifier(String)
    case list([CELExpression])
    case select(CELExpression, String)
    case index(CELExpression, CELExpression)
    case call(target: CELExpression?, function: String, arguments: [CELExpression])
    /// `target.all(x, body)` and `target.exists(x, body)`.
    case comprehension(target: CELExpression, macro: String, variable: String, body: CELExpression)
    /// `has(a.b)`.
    case has(CELExpression, String)
    case unary(String, CELExpression)
    case binary(String, CELExpression, CELExpression)
    case conditional(CELExpression, CELExpression, CELExpression)
}
