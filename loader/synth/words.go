package synth

import "strings"

// The words generated plans are written with. Names are a prefix drawn from a pool of
// characters plus a type's suffix (金瑞組團, 祥豐生物醫藥產業); the rest of the text is built
// from the templates below. The pool is stripped of every character the templates, suffixes
// and topics use, so that a name can occur in the text only where it was placed: a name ends in
// a suffix, a suffix occurs only at the end of a name, and what comes before it is the prefix
// of that name. Together with the check that no name contains another (see names.go) this makes
// the loader's mentions exactly the names and aliases the generator wrote.

// rawPool is the character pool before the template characters are taken out.
const rawPool = "金銀瑞祥龍鳳華興盛泰康寧豐裕隆昌榮達通濟匯聚源泉湖洲沙潭溪江嶺峰山林松桂荔棉蓮荷梅蘭竹翠碧" +
	"雲霞陽輝明光星辰德仁義禮信協聯創慧航港灘橋塘坊苑庭鎮鄉崗岸錦繡鵬鶴鷺麗雅逸賢儀順惠佳邦" +
	"環珠璣瓊瑤琴韻樂歡欣悅怡寶鑫鼎豪傑偉俊彥穎秀嘉禧祺福壽綺靈黎曉暉晨旭曦濤瀾滄澤渝湘贛閩粵"

// suffix is how names of a type end, with the English word for it.
type suffix struct{ zh, en string }

// typeWords are the words of one entity type.
type typeWords struct {
	suffixes []suffix
	topics   []suffix // optional middle words (生物醫藥 of 祥豐生物醫藥產業)
	intros   []string // sentences that introduce an entity: {N} is its name
}

var words = map[string]typeWords{
	"Zone": {
		suffixes: []suffix{{"組團", "Cluster"}, {"片區", "Area"}, {"街區", "Quarter"}, {"商圈", "Business Circle"}, {"園區", "Park"}, {"新城", "New Town"}},
		intros:   []string{"加快建設{N}", "高標準規劃{N}", "推動{N}提質增效"},
	},
	"Project": {
		suffixes: []suffix{{"項目", "Project"}, {"工程", "Works"}, {"綜合體", "Complex"}, {"博物館", "Museum"}, {"醫院", "Hospital"}, {"學校", "School"}, {"樞紐", "Hub"}},
		intros:   []string{"推進{N}建設", "建成{N}", "啟動{N}前期工作"},
	},
	"Industry": {
		suffixes: []suffix{{"產業", "Industry"}},
		topics: []suffix{{"生物醫藥", "Biomedicine"}, {"數字創意", "Digital Creative"}, {"現代商貿", "Modern Trade"}, {"文化旅遊", "Culture and Tourism"},
			{"智能製造", "Smart Manufacturing"}, {"金融服務", "Financial Services"}, {"跨境電商", "Cross-border E-commerce"}, {"時尚設計", "Fashion Design"}, {"健康養老", "Elderly Care"}},
		intros: []string{"培育壯大{N}", "做優做強{N}"},
	},
	"Policy": {
		suffixes: []suffix{{"計劃", "Programme"}, {"政策", "Policy"}, {"機制", "Mechanism"}, {"行動", "Action"}, {"改革", "Reform"}, {"試點", "Pilot"}},
		intros:   []string{"落實{N}", "深入實施{N}"},
	},
	"Strategy": {
		suffixes: []suffix{{"戰略", "Strategy"}, {"示范區", "Demonstration Zone"}, {"高地", "Highland"}, {"品牌", "Brand"}, {"先行區", "Pioneer Zone"}},
		intros:   []string{"全力打造{N}", "加快建成{N}"},
	},
	"Target": {
		topics: []suffix{{"地區生產總值", "GDP"}, {"固定資產投資", "Fixed-asset Investment"}, {"研發投入強度", "R&D Intensity"},
			{"綠化覆蓋率", "Green Coverage"}, {"常住人口", "Resident Population"}, {"居民人均可支配收入", "Disposable Income per Capita"}},
	},
	"Term": {
		suffixes: []suffix{{"網絡結構", "Network Structure"}, {"發展格局", "Development Pattern"}, {"工作舉措", "Work Measures"}, {"模式", "Model"}},
	},
}

// targetUnits are the units of the Target topics, in the same order.
var targetUnits = []string{"億元", "億元", "%", "%", "萬人", "元"}

// linkQuotes are the clauses that state a link: {A} is the entity it goes from, {B} the one it
// goes to. A link cited twice is stated by two different clauses.
var linkQuotes = map[string][]string{
	"PART_OF":    {"{A}納入{B}", "{B}包括{A}", "{A}作為{B}的組成部分"},
	"LOCATED_IN": {"在{B}布局{A}", "{A}落戶{B}", "{B}內的{A}"},
	"FOCUSES_ON": {"{A}重點發展{B}", "依托{A}集聚{B}", "推動{A}做大{B}"},
	"SERVES":     {"以{A}支撐{B}", "{A}助力{B}", "依托{A}服務{B}"},
	"SUPPORTS":   {"以{A}扶持{B}", "{A}支持{B}發展", "通過{A}保障{B}"},
	"RELATED_TO": {"統籌{A}與{B}", "推動{A}和{B}聯動", "協調{A}同{B}"},
}

// aliasQuotes use an alias in the text, so the loader finds it there.
var aliasQuotes = []string{"推進{N}建設", "提升{N}能級"}

// chapterThemes are the titles of chapters.
var chapterThemes = []string{
	"統籌空間布局,打造高品質發展新城區",
	"推動產業升級,構建現代產業體系",
	"深化改革開放,增強發展動力活力",
	"堅持以人民為中心,提升民生福祉",
	"加強生態保護,建設美麗宜居城區",
	"強化規劃實施保障,形成發展合力",
}

// genericHeadings title sections and items that introduce no entity.
var genericHeadings = []string{"加強統籌協調", "完善體制機制", "強化要素保障"}

// Fixed lines of every plan.
const (
	titleTmpl   = "{R}國民經濟和社會發展第十四個五年規劃綱要"
	prefaceTmpl = "本綱要主要闡明{R}戰略意圖,明確政府工作重點,是未來五年經濟社會發展的宏偉藍圖。"
	describe    = "{N}是本區重點建設的"
	targetTmpl  = "到{Y}年,"
	glossTitle  = "名詞解釋"
	otherChars  = "第一二三四五六七八九十章節附件市區達到穩步提升指即、,。:“”+()0123456789.%"
)

// pool is rawPool without the characters the fixed text uses.
var pool = func() []rune {
	var used strings.Builder
	for _, w := range words {
		for _, s := range append(append([]suffix(nil), w.suffixes...), w.topics...) {
			used.WriteString(s.zh)
		}
		used.WriteString(strings.Join(w.intros, ""))
	}
	for _, qs := range linkQuotes {
		used.WriteString(strings.Join(qs, ""))
	}
	used.WriteString(strings.Join(aliasQuotes, ""))
	used.WriteString(strings.Join(chapterThemes, ""))
	used.WriteString(strings.Join(genericHeadings, ""))
	used.WriteString(strings.Join(targetUnits, ""))
	used.WriteString(titleTmpl + prefaceTmpl + describe + targetTmpl + glossTitle + otherChars)
	var out []rune
	seen := map[rune]bool{}
	for _, r := range rawPool {
		if !seen[r] && !strings.ContainsRune(used.String(), r) {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}()
