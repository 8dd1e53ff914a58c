package attrib

// FrameForTest frames a model body with its format line and checksum, so
// tests can hand the parsers well-framed corrupt bodies.
func FrameForTest(format, note string, body []byte) []byte { return frame(format, note, body) }
