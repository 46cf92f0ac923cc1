/// Plain-language guidance for the regular expressions in our schemas.
enum PatternHints {
    static func hint(for pattern: String) -> String? {
        switch pattern {
        case "^(([0-9]+(s|m|h))+|Never)$", "^(([0-9]+(s|m|h))+)|(Never)$":
            return "write a duration of whole hours/minutes/seconds such as 720h, 1h30m or 30s, or Never"
        case "^([0-9]+(s|m|h))+$":
            return "write a duration of whole hours/minutes/seconds such as 24h or 1h30m (Never is not allowed here)"
        case "^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$":
            return "write hours and/or minutes such as 10m, 2h or 2h20m; seconds are not allowed"
        case "^((100|[0-9]{1,2})%|[0-9]+)$":
            return "write a node count such as 5 or a percentage from 0% to 100% such as 10%"
        default:
            break
        }
        if pattern.contains("@(annually|yearly") {
            return "write a cron schedule with 5 fields such as \"0 9 * * 1-5\" or a macro such as @daily"
        }
        if pattern.contains("[KMGTPE]i)|[numkMGTPE]") {
            return "write a Kubernetes quantity such as 100, 500m, 4Gi or 1.5"
        }
        if pattern.hasPrefix(#"^\d+(E|P|T|G|M|K|Ei"#) {
            return "write a whole number with a unit such as 50Mi or 1G"
        }
        if pattern.contains("Microsoft.Network/virtualNetworks") {
            return "write a full subnet resource ID: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>"
        }
        if pattern.contains("[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]") {
            return "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (an optional DNS-style prefix and '/' may come first for keys)"
        }
        if pattern == "^([0-9]+(s|m|h))+$" {
            return "write a duration such as 1h or 2h15m30s"
        }
        return nil
    }
}
