import PartsMap
@main struct PartsMapCommand { static func main() { print("partsmap \(PartsMapVersion.string)") } }
