// Package data holds the datasets built into the binary: the Liwan 14th Five-Year Plan, which
// every command uses when no dataset or store is given.
package data

import (
	"embed"
	"io/fs"
)

//go:embed liwan
var files embed.FS

// Liwan is the dataset of the 14th Five-Year Plan of Liwan District, Guangzhou: plan.yaml, the
// plan text and the curated entities and links.
var Liwan fs.FS

func init() {
	sub, err := fs.Sub(files, "liwan")
	if err != nil {
		panic(err) // the directory is embedded at build time; this cannot fail
	}
	Liwan = sub
}
