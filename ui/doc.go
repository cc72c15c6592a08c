// Package ui is Rushcut's desktop interface, built with Fyne: the bin of
// clips, the viewer and (later) the timeline and inspector. It holds no
// analysis logic: it reads the application core's state and sends it
// commands.
package ui
