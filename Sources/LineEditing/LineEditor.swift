// Line reading: see LineEditor.swift.
