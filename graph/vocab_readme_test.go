package graph

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// The README's table of entity types lists exactly the vocabulary's types, in its order.
func TestReadmeListsTheVocabulary(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	table := regexp.MustCompile("(?s)\\| entity type \\| what \\|\n\\|---\\|---\\|\n((?:\\|[^\n]*\n)+)").FindSubmatch(b)
	if table == nil {
		t.Fatal("README.md has no table headed | entity type | what |")
	}
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| `(\\w+)` \\|").FindAllSubmatch(table[1], -1) {
		listed = append(listed, string(m[1]))
	}
	if !slices.Equal(listed, EntityTypes) {
		t.Errorf("README lists the entity types %v; the vocabulary has %v", listed, EntityTypes)
	}
}
