public enum PartsMapVersion { public static let string = "0.1.0" }
