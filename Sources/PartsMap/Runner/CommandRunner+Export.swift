extension CommandRunner {
    /// `export FORMAT [FILE]`: to standard output, or written atomically (0600) to FILE.
    func export(_ request: ExportRequest) throws -> Reply {
        throw ParseError.notAChange("export")  // wired to the export writers when they land
    }
}
