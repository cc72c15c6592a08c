package main

import "rushcut/app/assemble"

func init() {
	register(command{name: "assemble", usage: assemble.Usage, run: assemble.Run})
}
