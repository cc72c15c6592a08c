// Package ui is Rushcut's desktop interface, built with Fyne: the bin of
// clips, the viewer, the Timeline (tracks, clips, transitions and the
// markers of suggestions) and the Inspector (one suggestion, its evidence
// and the editor's decision). Each widget is state plus its own renderer.
// It holds no analysis logic: it reads the application core's state and
// sends it commands through callbacks.
package ui
