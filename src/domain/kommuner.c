/*
 * kommuner.c - the constant tables of kommuner.h and their lookups.
 *
 * The tables were generated from shared/data/swedish_kommuner_lan.csv
 * (290 kommuner, 21 län; SCB codes) and are checked against it by
 * count; region names follow each region's own usage ("Region Sörmland",
 * "Västra Götalandsregionen", "Region Jämtland Härjedalen").
 * No I/O: the list is compiled in so validation costs no file access.
 */
#include "kommuner.h"

#include <string.h>

#include "util/text.h"

const struct kommun_ref kommun_refs[KOMMUNER_TOTAL] = {
	{ "0114", "Upplands Väsby", "01" },
	{ "0115", "Vallentuna", "01" },
	{ "0117", "Österåker", "01" },
	{ "0120", "Värmdö", "01" },
	{ "0123", "Järfälla", "01" },
	{ "0125", "Ekerö", "01" },
	{ "0126", "Huddinge", "01" },
	{ "0127", "Botkyrka", "01" },
	{ "0128", "Salem", "01" },
	{ "0136", "Haninge", "01" },
	{ "0138", "Tyresö", "01" },
	{ "0139", "Upplands-Bro", "01" },
	{ "0140", "Nykvarn", "01" },
	{ "0160", "Täby", "01" },
	{ "0162", "Danderyd", "01" },
	{ "0163", "Sollentuna", "01" },
	{ "0180", "Stockholm", "01" },
	{ "0181", "Södertälje", "01" },
	{ "0182", "Nacka", "01" },
	{ "0183", "Sundbyberg", "01" },
	{ "0184", "Solna", "01" },
	{ "0186", "Lidingö", "01" },
	{ "0187", "Vaxholm", "01" },
	{ "0188", "Norrtälje", "01" },
	{ "0191", "Sigtuna", "01" },
	{ "0192", "Nynäshamn", "01" },
	{ "0305", "Håbo", "03" },
	{ "0319", "Älvkarleby", "03" },
	{ "0330", "Knivsta", "03" },
	{ "0331", "Heby", "03" },
	{ "0360", "Tierp", "03" },
	{ "0380", "Uppsala", "03" },
	{ "0381", "Enköping", "03" },
	{ "0382", "Östhammar", "03" },
	{ "0428", "Vingåker", "04" },
	{ "0461", "Gnesta", "04" },
	{ "0480", "Nyköping", "04" },
	{ "0481", "Oxelösund", "04" },
	{ "0482", "Flen", "04" },
	{ "0483", "Katrineholm", "04" },
	{ "0484", "Eskilstuna", "04" },
	{ "0486", "Strängnäs", "04" },
	{ "0488", "Trosa", "04" },
	{ "0509", "Ödeshög", "05" },
	{ "0512", "Ydre", "05" },
	{ "0513", "Kinda", "05" },
	{ "0560", "Boxholm", "05" },
	{ "0561", "Åtvidaberg", "05" },
	{ "0562", "Finspång", "05" },
	{ "0563", "Valdemarsvik", "05" },
	{ "0580", "Linköping", "05" },
	{ "0581", "Norrköping", "05" },
	{ "0582", "Söderköping", "05" },
	{ "0583", "Motala", "05" },
	{ "0584", "Vadstena", "05" },
	{ "0586", "Mjölby", "05" },
	{ "0604", "Aneby", "06" },
	{ "0617", "Gnosjö", "06" },
	{ "0642", "Mullsjö", "06" },
	{ "0643", "Habo", "06" },
	{ "0662", "Gislaved", "06" },
	{ "0665", "Vaggeryd", "06" },
	{ "0680", "Jönköping", "06" },
	{ "0682", "Nässjö", "06" },
	{ "0683", "Värnamo", "06" },
	{ "0684", "Sävsjö", "06" },
	{ "0685", "Vetlanda", "06" },
	{ "0686", "Eksjö", "06" },
	{ "0687", "Tranås", "06" },
	{ "0760", "Uppvidinge", "07" },
	{ "0761", "Lessebo", "07" },
	{ "0763", "Tingsryd", "07" },
	{ "0764", "Alvesta", "07" },
	{ "0765", "Älmhult", "07" },
	{ "0767", "Markaryd", "07" },
	{ "0780", "Växjö", "07" },
	{ "0781", "Ljungby", "07" },
	{ "0821", "Högsby", "08" },
	{ "0834", "Torsås", "08" },
	{ "0840", "Mörbylånga", "08" },
	{ "0860", "Hultsfred", "08" },
	{ "0861", "Mönsterås", "08" },
	{ "0862", "Emmaboda", "08" },
	{ "0880", "Kalmar", "08" },
	{ "0881", "Nybro", "08" },
	{ "0882", "Oskarshamn", "08" },
	{ "0883", "Västervik", "08" },
	{ "0884", "Vimmerby", "08" },
	{ "0885", "Borgholm", "08" },
	{ "0980", "Gotland", "09" },
	{ "1060", "Olofström", "10" },
	{ "1080", "Karlskrona", "10" },
	{ "1081", "Ronneby", "10" },
	{ "1082", "Karlshamn", "10" },
	{ "1083", "Sölvesborg", "10" },
	{ "1214", "Svalöv", "12" },
	{ "1230", "Staffanstorp", "12" },
	{ "1231", "Burlöv", "12" },
	{ "1233", "Vellinge", "12" },
	{ "1256", "Östra Göinge", "12" },
	{ "1257", "Örkelljunga", "12" },
	{ "1260", "Bjuv", "12" },
	{ "1261", "Kävlinge", "12" },
	{ "1262", "Lomma", "12" },
	{ "1263", "Svedala", "12" },
	{ "1264", "Skurup", "12" },
	{ "1265", "Sjöbo", "12" },
	{ "1266", "Hörby", "12" },
	{ "1267", "Höör", "12" },
	{ "1270", "Tomelilla", "12" },
	{ "1272", "Bromölla", "12" },
	{ "1273", "Osby", "12" },
	{ "1275", "Perstorp", "12" },
	{ "1276", "Klippan", "12" },
	{ "1277", "Åstorp", "12" },
	{ "1278", "Båstad", "12" },
	{ "1280", "Malmö", "12" },
	{ "1281", "Lund", "12" },
	{ "1282", "Landskrona", "12" },
	{ "1283", "Helsingborg", "12" },
	{ "1284", "Höganäs", "12" },
	{ "1285", "Eslöv", "12" },
	{ "1286", "Ystad", "12" },
	{ "1287", "Trelleborg", "12" },
	{ "1290", "Kristianstad", "12" },
	{ "1291", "Simrishamn", "12" },
	{ "1292", "Ängelholm", "12" },
	{ "1293", "Hässleholm", "12" },
	{ "1315", "Hylte", "13" },
	{ "1380", "Halmstad", "13" },
	{ "1381", "Laholm", "13" },
	{ "1382", "Falkenberg", "13" },
	{ "1383", "Varberg", "13" },
	{ "1384", "Kungsbacka", "13" },
	{ "1401", "Härryda", "14" },
	{ "1402", "Partille", "14" },
	{ "1407", "Öckerö", "14" },
	{ "1415", "Stenungsund", "14" },
	{ "1419", "Tjörn", "14" },
	{ "1421", "Orust", "14" },
	{ "1427", "Sotenäs", "14" },
	{ "1430", "Munkedal", "14" },
	{ "1435", "Tanum", "14" },
	{ "1438", "Dals-Ed", "14" },
	{ "1439", "Färgelanda", "14" },
	{ "1440", "Ale", "14" },
	{ "1441", "Lerum", "14" },
	{ "1442", "Vårgårda", "14" },
	{ "1443", "Bollebygd", "14" },
	{ "1444", "Grästorp", "14" },
	{ "1445", "Essunga", "14" },
	{ "1446", "Karlsborg", "14" },
	{ "1447", "Gullspång", "14" },
	{ "1452", "Tranemo", "14" },
	{ "1460", "Bengtsfors", "14" },
	{ "1461", "Mellerud", "14" },
	{ "1462", "Lilla Edet", "14" },
	{ "1463", "Mark", "14" },
	{ "1465", "Svenljunga", "14" },
	{ "1466", "Herrljunga", "14" },
	{ "1470", "Vara", "14" },
	{ "1471", "Götene", "14" },
	{ "1472", "Tibro", "14" },
	{ "1473", "Töreboda", "14" },
	{ "1480", "Göteborg", "14" },
	{ "1481", "Mölndal", "14" },
	{ "1482", "Kungälv", "14" },
	{ "1484", "Lysekil", "14" },
	{ "1485", "Uddevalla", "14" },
	{ "1486", "Strömstad", "14" },
	{ "1487", "Vänersborg", "14" },
	{ "1488", "Trollhättan", "14" },
	{ "1489", "Alingsås", "14" },
	{ "1490", "Borås", "14" },
	{ "1491", "Ulricehamn", "14" },
	{ "1492", "Åmål", "14" },
	{ "1493", "Mariestad", "14" },
	{ "1494", "Lidköping", "14" },
	{ "1495", "Skara", "14" },
	{ "1496", "Skövde", "14" },
	{ "1497", "Hjo", "14" },
	{ "1498", "Tidaholm", "14" },
	{ "1499", "Falköping", "14" },
	{ "1715", "Kil", "17" },
	{ "1730", "Eda", "17" },
	{ "1737", "Torsby", "17" },
	{ "1760", "Storfors", "17" },
	{ "1761", "Hammarö", "17" },
	{ "1762", "Munkfors", "17" },
	{ "1763", "Forshaga", "17" },
	{ "1764", "Grums", "17" },
	{ "1765", "Årjäng", "17" },
	{ "1766", "Sunne", "17" },
	{ "1780", "Karlstad", "17" },
	{ "1781", "Kristinehamn", "17" },
	{ "1782", "Filipstad", "17" },
	{ "1783", "Hagfors", "17" },
	{ "1784", "Arvika", "17" },
	{ "1785", "Säffle", "17" },
	{ "1814", "Lekeberg", "18" },
	{ "1860", "Laxå", "18" },
	{ "1861", "Hallsberg", "18" },
	{ "1862", "Degerfors", "18" },
	{ "1863", "Hällefors", "18" },
	{ "1864", "Ljusnarsberg", "18" },
	{ "1880", "Örebro", "18" },
	{ "1881", "Kumla", "18" },
	{ "1882", "Askersund", "18" },
	{ "1883", "Karlskoga", "18" },
	{ "1884", "Nora", "18" },
	{ "1885", "Lindesberg", "18" },
	{ "1904", "Skinnskatteberg", "19" },
	{ "1907", "Surahammar", "19" },
	{ "1960", "Kungsör", "19" },
	{ "1961", "Hallstahammar", "19" },
	{ "1962", "Norberg", "19" },
	{ "1980", "Västerås", "19" },
	{ "1981", "Sala", "19" },
	{ "1982", "Fagersta", "19" },
	{ "1983", "Köping", "19" },
	{ "1984", "Arboga", "19" },
	{ "2021", "Vansbro", "20" },
	{ "2023", "Malung-Sälen", "20" },
	{ "2026", "Gagnef", "20" },
	{ "2029", "Leksand", "20" },
	{ "2031", "Rättvik", "20" },
	{ "2034", "Orsa", "20" },
	{ "2039", "Älvdalen", "20" },
	{ "2061", "Smedjebacken", "20" },
	{ "2062", "Mora", "20" },
	{ "2080", "Falun", "20" },
	{ "2081", "Borlänge", "20" },
	{ "2082", "Säter", "20" },
	{ "2083", "Hedemora", "20" },
	{ "2084", "Avesta", "20" },
	{ "2085", "Ludvika", "20" },
	{ "2101", "Ockelbo", "21" },
	{ "2104", "Hofors", "21" },
	{ "2121", "Ovanåker", "21" },
	{ "2132", "Nordanstig", "21" },
	{ "2161", "Ljusdal", "21" },
	{ "2180", "Gävle", "21" },
	{ "2181", "Sandviken", "21" },
	{ "2182", "Söderhamn", "21" },
	{ "2183", "Bollnäs", "21" },
	{ "2184", "Hudiksvall", "21" },
	{ "2260", "Ånge", "22" },
	{ "2262", "Timrå", "22" },
	{ "2280", "Härnösand", "22" },
	{ "2281", "Sundsvall", "22" },
	{ "2282", "Kramfors", "22" },
	{ "2283", "Sollefteå", "22" },
	{ "2284", "Örnsköldsvik", "22" },
	{ "2303", "Ragunda", "23" },
	{ "2305", "Bräcke", "23" },
	{ "2309", "Krokom", "23" },
	{ "2313", "Strömsund", "23" },
	{ "2321", "Åre", "23" },
	{ "2326", "Berg", "23" },
	{ "2361", "Härjedalen", "23" },
	{ "2380", "Östersund", "23" },
	{ "2401", "Nordmaling", "24" },
	{ "2403", "Bjurholm", "24" },
	{ "2404", "Vindeln", "24" },
	{ "2409", "Robertsfors", "24" },
	{ "2417", "Norsjö", "24" },
	{ "2418", "Malå", "24" },
	{ "2421", "Storuman", "24" },
	{ "2422", "Sorsele", "24" },
	{ "2425", "Dorotea", "24" },
	{ "2460", "Vännäs", "24" },
	{ "2462", "Vilhelmina", "24" },
	{ "2463", "Åsele", "24" },
	{ "2480", "Umeå", "24" },
	{ "2481", "Lycksele", "24" },
	{ "2482", "Skellefteå", "24" },
	{ "2505", "Arvidsjaur", "25" },
	{ "2506", "Arjeplog", "25" },
	{ "2510", "Jokkmokk", "25" },
	{ "2513", "Överkalix", "25" },
	{ "2514", "Kalix", "25" },
	{ "2518", "Övertorneå", "25" },
	{ "2521", "Pajala", "25" },
	{ "2523", "Gällivare", "25" },
	{ "2560", "Älvsbyn", "25" },
	{ "2580", "Luleå", "25" },
	{ "2581", "Piteå", "25" },
	{ "2582", "Boden", "25" },
	{ "2583", "Haparanda", "25" },
	{ "2584", "Kiruna", "25" },
};

const struct lan_ref lan_refs[LAN_TOTAL] = {
	{ "01", "Stockholms län", "Region Stockholm" },
	{ "03", "Uppsala län", "Region Uppsala" },
	{ "04", "Södermanlands län", "Region Sörmland" },
	{ "05", "Östergötlands län", "Region Östergötland" },
	{ "06", "Jönköpings län", "Region Jönköpings län" },
	{ "07", "Kronobergs län", "Region Kronoberg" },
	{ "08", "Kalmar län", "Region Kalmar län" },
	{ "09", "Gotlands län", "Region Gotland" },
	{ "10", "Blekinge län", "Region Blekinge" },
	{ "12", "Skåne län", "Region Skåne" },
	{ "13", "Hallands län", "Region Halland" },
	{ "14", "Västra Götalands län", "Västra Götalandsregionen" },
	{ "17", "Värmlands län", "Region Värmland" },
	{ "18", "Örebro län", "Region Örebro län" },
	{ "19", "Västmanlands län", "Region Västmanland" },
	{ "20", "Dalarnas län", "Region Dalarna" },
	{ "21", "Gävleborgs län", "Region Gävleborg" },
	{ "22", "Västernorrlands län", "Region Västernorrland" },
	{ "23", "Jämtlands län", "Region Jämtland Härjedalen" },
	{ "24", "Västerbottens län", "Region Västerbotten" },
	{ "25", "Norrbottens län", "Region Norrbotten" },
};

/*
 * Official names whose genitive does not follow the rule in
 * kommun_org_name, and Gotland, which is a region.
 */
static const struct {
	const char *code;
	const char *name;
} org_exceptions[] = {
	{ "0880", "Kalmar kommun" },
	{ "0980", "Region Gotland" },
	{ "2080", "Falu kommun" },
};

/* Writes a then b into out (outsz bytes), truncating, always terminated. */
static void
join(char *out, size_t outsz, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > outsz - 1) {
		la = outsz - 1;
	}
	memcpy(out, a, la);
	if (lb > outsz - 1 - la) {
		lb = outsz - 1 - la;
	}
	memcpy(out + la, b, lb);
	out[la + lb] = '\0';
}

static const struct kommun_ref *
kommun_find(const char *code)
{
	size_t lo = 0, hi = KOMMUNER_TOTAL;

	if (code == NULL) {
		return NULL;
	}
	/* The table is sorted by code: binary search. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, kommun_refs[mid].code);

		if (c == 0) {
			return &kommun_refs[mid];
		}
		if (c < 0) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return NULL;
}

static const struct lan_ref *
lan_find(const char *code)
{
	size_t i;

	if (code == NULL) {
		return NULL;
	}
	for (i = 0; i < LAN_TOTAL; i++) {
		if (strcmp(code, lan_refs[i].code) == 0) {
			return &lan_refs[i];
		}
	}
	return NULL;
}

const char *
kommun_name(const char *code)
{
	const struct kommun_ref *k = kommun_find(code);

	return k != NULL ? k->name : NULL;
}

const char *
kommun_lan(const char *code)
{
	const struct kommun_ref *k = kommun_find(code);

	return k != NULL ? k->lan : NULL;
}

const char *
lan_name(const char *code)
{
	const struct lan_ref *l = lan_find(code);

	return l != NULL ? l->name : NULL;
}

const char *
region_name(const char *code)
{
	const struct lan_ref *l = lan_find(code);

	return l != NULL ? l->region : NULL;
}

bool
kommun_org_name(const char *code, char *out, size_t outsz)
{
	const struct kommun_ref *k = kommun_find(code);
	size_t i, len;
	char last;

	if (outsz == 0) {
		return false;
	}
	out[0] = '\0';
	if (k == NULL) {
		return false;
	}
	for (i = 0; i < sizeof(org_exceptions) / sizeof(org_exceptions[0]);
	     i++) {
		if (strcmp(code, org_exceptions[i].code) == 0) {
			join(out, outsz, org_exceptions[i].name, "");
			return true;
		}
	}
	/*
	 * Swedish genitive: a name ending in a consonant other than s, x
	 * or z takes an s ("Lunds kommun"); vowels (also å, ä, ö, which
	 * end in a UTF-8 continuation byte) and s/x/z do not.
	 */
	len = strlen(k->name);
	last = len > 0 ? k->name[len - 1] : 'a';
	if ((unsigned char)last >= 0x80 || strchr("aeiouyAEIOUYsxz", last)) {
		join(out, outsz, k->name, " kommun");
	} else {
		join(out, outsz, k->name, "s kommun");
	}
	return true;
}

const char *
region_member_refusal(const char *code)
{
	if (code != NULL && strcmp(code, "09") == 0) {
		return "Region Gotland är kommun 0980 med regionala uppgifter "
		       "och har ingen egen länskod i förbundet: ange 0980 bland "
		       "kommunerna och ingen region.";
	}
	if (region_name(code) == NULL) {
		return "okänd länskod; en länskod har två siffror, t.ex. 01.";
	}
	return NULL;
}

const char *
forbund_regions_refusal(const struct forbund *f)
{
	size_t i;

	for (i = 0; i < f->nparties; i++) {
		if (f->parties[i].kind == PK_REGION ||
		    (f->parties[i].kind == PK_KOMMUN &&
			strcmp(f->parties[i].code, KOMMUN_GOTLAND) == 0)) {
			return NULL;
		}
	}
	return "Ange minst en region (länskod). Bara ett förbund med Region "
	       "Gotland (kommun 0980) kan vara utan region, eftersom Region "
	       "Gotland har regionens uppgifter.";
}

bool
forbund_add_party(struct forbund *f, enum party_kind kind, const char *code)
{
	char name[NAME_MAX_];
	const char *rn;
	struct party *p;

	if (kind == PK_KOMMUN) {
		if (!kommun_org_name(code, name, sizeof(name))) {
			return false;
		}
	} else if (kind == PK_REGION) {
		if ((rn = region_name(code)) == NULL) {
			return false;
		}
		text_copy(name, sizeof(name), rn);
	} else {
		text_copy(name, sizeof(name), party_kind_label(kind));
		code = "";
	}
	if (f->nparties >= MAX_PARTIES) {
		return false;
	}
	p = &f->parties[f->nparties++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	text_copy(p->code, sizeof(p->code), code);
	text_copy(p->name, sizeof(p->name), name);
	return true;
}

int
kommun_coverage(const char *const *codes, size_t n, bool member[KOMMUNER_TOTAL],
    struct lan_coverage out[LAN_TOTAL])
{
	int total = 0;

	for (size_t l = 0; l < LAN_TOTAL; l++) {
		out[l].lan = &lan_refs[l];
		out[l].members = out[l].total = 0;
	}
	for (size_t k = 0; k < KOMMUNER_TOTAL; k++) {
		member[k] = false;
		for (size_t i = 0; i < n && !member[k]; i++) {
			member[k] = strcmp(codes[i], kommun_refs[k].code) == 0;
		}
		for (size_t l = 0; l < LAN_TOTAL; l++) {
			if (strcmp(lan_refs[l].code, kommun_refs[k].lan) == 0) {
				out[l].total++;
				out[l].members += member[k] ? 1 : 0;
			}
		}
		total += member[k] ? 1 : 0;
	}
	return total;
}
