package graph

import "testing"

// Every entity type a relation names (the one it must start from, the ones it is expected to
// join) is a type of the vocabulary: renaming or dropping a type cannot leave a relation
// pointing at a name nothing has.
func TestRelationsNameVocabularyTypes(t *testing.T) {
	for _, r := range Relations {
		named := append(append([]string{}, r.FromTypes...), r.ToTypes...)
		if r.From != "" {
			named = append(named, r.From)
		}
		for _, ty := range named {
			if !IsEntityType(ty) {
				t.Errorf("relation %s names entity type %q, which the vocabulary does not have (%v)", r.Name, ty, EntityTypes)
			}
		}
	}
}
