// partsmap-bench: measures partsmap against the tools a person would otherwise script with.
// See BENCHMARKS.md.
print("partsmap-bench: not written yet")
