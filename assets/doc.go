// Package assets holds what Rushcut embeds in its binary: the application
// icon and, later, the shipped model and its manifest.
package assets

import _ "embed"

// Icon is the application icon (PNG, 256x256).
//
//go:embed icon.png
var Icon []byte
