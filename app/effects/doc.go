// Package effects proposes the effects a rough cut (or an editor's cut)
// calls for, as suggestions an editor accepts or rejects: dissolves where
// the cut changes scene or setup, the dissolves, wipes, pushes and dips a
// take already holds as edit transitions an NLE can rebuild (a wipe with
// the SMPTE code of its direction, a dip as a dissolve named for the
// NLE's dip), fades from and to black at its head and
// tail, stabilisation of shaky ranges, speed changes over short motion
// peaks and long static stretches, colour matches (ASC CDL) between
// adjacent clips of one scene, and the removal of flash or damaged frames.
//
// Each suggestion's parameters are typed (params.go) and travel as text in
// suggest.Params.Values; Apply turns accepted (or proposed) ones into
// edit.Transition and edit.Effect items on a timeline. The package is pure
// Go: the pixel statistics colour matching needs come from vision/color.
package effects
