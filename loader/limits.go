package loader

// Limits on what one dataset may hold. Datasets are also uploaded by admins over HTTP, so
// validation must stay cheap whatever the input: each limit bounds a cost that otherwise grew
// with the square of the input or stored one record per byte of it.
const (
	// maxProblemsPerEntry is how many key problems of one mapping (entity, link or plan) are
	// reported one by one; the rest are summed up in a single "… and N more" problem, so a
	// mapping with 300,000 unknown keys costs 20 problems, not 300,000.
	maxProblemsPerEntry = 20

	// maxLineChars is the longest line of plan text accepted, in characters. The longest
	// paragraph of the Liwan plan has about 1,100; a 1.3 M-character line made quote and
	// mention searches over it take minutes.
	maxLineChars = 20000

	// minNameChars is the shortest entity name or alias, in characters: a single character
	// occurs everywhere in Chinese text and is not a name.
	minNameChars = 2

	// maxMentionsPerEntity is the most mentions one entity may have in the plan text. The
	// Liwan plan's most mentioned entity has under 60; a name that occurs thousands of
	// times is a common word, and every mention is stored.
	maxMentionsPerEntity = 5000
)

// maxNestedKeys is the most keys a mapping inside an entry may have (the plan's periods:).
// yaml.v3 compares such keys pairwise, so the cost grows with the square of this; real
// datasets have a few dozen.
const maxNestedKeys = 1000
