/*
 * cmd_demo_data.c - what `bered demo` creates: two förbund of real kommuner
 * and regioner (shared/data/swedish_kommuner_lan.csv), a user per role,
 * needs, utlysningar relative to today, and one plan per case. The
 * builder (cmd_demo.c) walks each plan through the real state machine.
 */
#include "cmd_demo.h"

/* Kalmar län (08): four member kommuner and Region Kalmar län. */
const struct demo_party demo_parties_a[NPA] = {
	{ PK_FK, "", "Försäkringskassan" },
	{ PK_AF, "", "Arbetsförmedlingen" },
	{ PK_KOMMUN, "0880", "Kalmar kommun" },
	{ PK_KOMMUN, "0881", "Nybro kommun" },
	{ PK_KOMMUN, "0862", "Emmaboda kommun" },
	{ PK_KOMMUN, "0834", "Torsås kommun" },
	{ PK_REGION, "08", "Region Kalmar län" },
};

/* Blekinge län (10); P_K3 and P_K4 stay unused. */
const struct demo_party demo_parties_b[] = {
	{ PK_FK, "", "Försäkringskassan" },
	{ PK_AF, "", "Arbetsförmedlingen" },
	{ PK_KOMMUN, "1080", "Karlskrona kommun" },
	{ PK_KOMMUN, "1081", "Ronneby kommun" },
	{ PK_REGION, "10", "Region Blekinge" },
};
const int demo_parties_b_pos[] = { P_FK, P_AF, P_K1, P_K2, P_REGION };

/* Index of a party's ledamot in demo_users[] equals its P_* position. */
const struct demo_user demo_users[DEMO_NUSERS] = {
	{ "ledamot.fk@demo.bered.se", "Karin Holm", ROLE_LEDAMOT, 1, P_FK },
	{ "ledamot.af@demo.bered.se", "Johan Berg", ROLE_LEDAMOT, 1, P_AF },
	{ "ledamot.kalmar@demo.bered.se", "Sara Nilsson", ROLE_LEDAMOT, 1, P_K1 },
	{ "ledamot.nybro@demo.bered.se", "Ahmed Hassan", ROLE_LEDAMOT, 1, P_K2 },
	{ "ledamot.emmaboda@demo.bered.se", "Lena Karlsson", ROLE_LEDAMOT, 1,
	    P_K3 },
	{ "ledamot.torsas@demo.bered.se", "Per Svensson", ROLE_LEDAMOT, 1, P_K4 },
	{ "ledamot.region@demo.bered.se", "Maria Ek", ROLE_LEDAMOT, 1, P_REGION },
	{ "kansli@demo.bered.se", "Eva Lund", ROLE_KANSLI, 1, -1 },
	{ "styrelse@demo.bered.se", "Bengt Olsson", ROLE_STYRELSE, 1, -1 },
	{ "esf-kansli@demo.bered.se", "Ingrid Sjöberg", ROLE_ESF_KANSLI, 0, -1 },
	{ "nationell@demo.bered.se", "Nils Åberg", ROLE_NATIONELL, 0, -1 },
	{ "admin@demo.bered.se", "Alva Admin", ROLE_ADMIN, 0, -1 },
	{ "ledamot.karlskrona@demo.bered.se", "Fatima Ali", ROLE_LEDAMOT, 2,
	    P_K1 },
};

const struct demo_need demo_needs[DEMO_NNEEDS] = {
	{ "Unga vuxna 18-29 år med aktivitetsersättning",
	  "Samordnat stöd mot arbete eller studier; många har varit utan "
	  "sysselsättning i mer än två år.",
	  "Daglig verksamhet i kommunerna, AF:s förberedande insatser; "
	  "inget gemensamt stöd över huvudmannagränserna." },
	{ "Personer med lindrig psykisk ohälsa som står långt från "
	  "arbetsmarknaden",
	  "Arbetslivsinriktad rehabilitering parallellt med vård (IPS).",
	  "Primärvårdens psykosociala team; väntetid till AF:s "
	  "arbetsförberedande insatser." },
	{ "Nyanlända kvinnor utan förvärvsarbete",
	  "Språkträning kombinerad med praktik och hälsofrämjande stöd.",
	  "SFI i alla kommuner; få praktikplatser och lite samordning." },
	{ "Långtidssjukskrivna med smärtproblematik",
	  "Tidig samordning mellan vård, FK och arbetsgivare.",
	  "Regionens multimodala rehabilitering, lång kö." },
};

const struct demo_call demo_calls[NCALLS] = {
	{ "Förebygga och motverka arbetslöshet", 412, -900, -820,
	  "Programområde A: Social inkludering", 46 },
	{ "Stärkt ställning på arbetsmarknaden för personer långt från "
	  "arbetsmarknaden", 87, -300, -200,
	  "Programområde A: Social inkludering", 46 },
	{ "Förebygga och motverka arbetslöshet", 123, -45, 10,
	  "Programområde A: Social inkludering", 46 },
	{ "Unga som varken arbetar eller studerar", 241, 60, 150,
	  "Programområde B: Unga", 52 },
};

const struct esf_plan demo_esf_plans[] = {
	{ "Arbetsintegrerande socialt företag i Torsås",
	  "Idé från beredningsgruppen: ett socialt företag som ger "
	  "arbetsträning inom återbruk.", -1, false, 0, 0, 0, -1, 0,
	  ST_IDENTIFIERAD, ST_IDENTIFIERAD, REASON_NONE, "", 0, 0 },
	{ "Digital vägledning för unga vuxna",
	  "Gemensam digital ingång till stöd för unga vuxna i länet.", 0,
	  false, 0, 0, 0, -1, 0, ST_IDENTIFIERAD, ST_IDENTIFIERAD,
	  REASON_NONE, "", 0, 0 },
	{ "Steg till arbete för personer med psykisk ohälsa",
	  "Individanpassat stöd enligt IPS-modellen, i samverkan med "
	  "regionens psykiatri.", 1, false,
	  B(P_AF) | B(P_K2) | B(P_REGION), 0, 0, -1, 0, ST_UTFORMNING,
	  ST_UTFORMNING, REASON_NONE, "", 0, 0 },
	{ "Språk och arbete – nyanlända kvinnor",
	  "Språkträning, praktik och hälsostöd i en sammanhållen kedja.", 2,
	  false, B(P_AF) | B(P_K1) | B(P_K3), 0, 0, -1, 0, ST_OVERENS,
	  ST_OVERENS, REASON_NONE, "", 0, 0 },
	{ "Unga vuxna i aktivitetsersättning – Nybro",
	  "Kartläggning och stegvis arbetsträning för unga med "
	  "aktivitetsersättning.", 0, false,
	  B(P_FK) | B(P_K2) | B(P_REGION), B(P_K2) | B(P_REGION), B(P_K2),
	  P_K2, 0, ST_ANSOKAN, ST_ANSOKAN, REASON_NONE, "", 0, 0 },
	{ "Hälsa och arbete – samverkan i Emmaboda",
	  "Hälsofrämjande insatser kombinerade med arbetsträning.", 3, false,
	  B(P_AF) | B(P_K3) | B(P_REGION), B(P_K3) | B(P_REGION),
	  B(P_REGION), P_REGION, CALL_SOON, ST_PARTSBESLUT, ST_PARTSBESLUT,
	  REASON_NONE, "", 0, 0 },
	{ "Vägen vidare – långtidsarbetslösa i Kalmar",
	  "Coachning och subventionerade anställningar för personer som "
	  "varit utan arbete i mer än två år.", -1, false,
	  B(P_AF) | B(P_K1) | B(P_REGION), B(P_K1) | B(P_AF), B(P_K1), P_K1,
	  CALL_SOON, ST_INSKICKAD, ST_INSKICKAD, REASON_NONE, "", 0, 0 },
	{ "Jobbspåret Sydost",
	  "Branschnära utbildning och praktik i samarbete med lokala "
	  "arbetsgivare.", -1, false, B(P_AF) | ALLK, B(P_AF) | B(P_K1) |
	  B(P_K2), B(P_K1) | B(P_K2), P_K1, CALL_CLOSED, ST_BEVILJAD,
	  ST_BEVILJAD, REASON_NONE, "", 4850000, 0 },
	{ "Kompetenslyft för arbetsmarknadsnära",
	  "Korta yrkesutbildningar för personer nära arbetsmarknaden.", -1,
	  false, B(P_AF) | B(P_K4), B(P_K4), B(P_K4), P_K4, CALL_CLOSED,
	  ST_AVSLAG, ST_AVSLAG, REASON_NONE, "", 0, 0 },
	{ "Samverkan för återgång i arbete",
	  "FK är projektägare som reservlösning: ingen annan part kunde äga "
	  "projektet. AF och Kalmar kommun utför insatserna.", 3, false,
	  B(P_FK) | B(P_AF) | B(P_K1) | B(P_REGION),
	  B(P_FK) | B(P_AF) | B(P_K1) | B(P_REGION), B(P_AF) | B(P_K1), P_FK,
	  CALL_CLOSED, ST_GENOMFORANDE, ST_GENOMFORANDE, REASON_NONE, "",
	  6200000, 0 },
	{ "Framtidsverkstaden – unga utanför arbete och studier",
	  "Uppsökande arbete och individuellt stöd för unga 16-29 år.", 0,
	  false, B(P_AF) | B(P_K1) | B(P_K2), B(P_K1) | B(P_K2), B(P_K1) |
	  B(P_K2), P_K1, CALL_CLOSED, ST_GENOMFORANDE, ST_GENOMFORANDE,
	  REASON_NONE, "", 3900000, 0 },
	{ "Rehabkedjan i Kalmar län",
	  "Samordnad rehabilitering mellan vård och arbetsliv.", 3, false,
	  B(P_FK) | B(P_REGION) | B(P_K1), B(P_REGION) | B(P_K1),
	  B(P_REGION), P_REGION, CALL_OLD, ST_SLUTRAPPORTERAD,
	  ST_SLUTRAPPORTERAD, REASON_NONE, "", 5100000, -60 },
	{ "Arbetsträning i kommunal regi",
	  "Arbetsträningsplatser i kommunens verksamheter.", -1, false,
	  B(P_AF) | B(P_K2), B(P_K2), B(P_K2), P_K2, CALL_OLD, ST_AVSLUTAD,
	  ST_AVSLUTAD, REASON_NONE, "", 2300000, -120 },
	{ "Stöd till unga med neuropsykiatriska funktionsnedsättningar",
	  "Ingen utlysning i utlysningsplanen passar projektidén.", 0, false,
	  B(P_K1) | B(P_REGION), 0, 0, -1, 0, ST_UTFORMNING, ST_AVBRUTEN,
	  REASON_INGEN_UTLYSNING, "Ingen passande utlysning före 2027.", 0,
	  0 },
	{ "Gemensam arbetsmarknadsenhet Emmaboda–Torsås",
	  "Parterna kunde inte enas om medfinansieringen.", -1, false,
	  B(P_AF) | B(P_K3) | B(P_K4), 0, 0, -1, 0, ST_OVERENS, ST_AVBRUTEN,
	  REASON_MEDFINANSIERING_SAKNAS, "Medfinansiering saknas från "
	  "två av parterna.", 0, 0 },
	{ "Kompetensutveckling för anställda inom äldreomsorgen",
	  "Målgruppen är anställda, inte Finsams målgrupp: hanteras utanför "
	  "beredningsgruppen.", -1, true, B(P_K1) | B(P_K2), 0, 0, -1, 0,
	  ST_UTFORMNING, ST_UTANFOR_RUTINEN, REASON_NONE, "", 0, 0 },
};

const struct finsam_plan demo_finsam_plans[] = {
	{ "Samordnad rehabilitering vid långvarig smärta",
	  "Behov från kartläggningen; parterna har inte börjat utforma.", 3,
	  0, 0, ST_IDENTIFIERAD, ST_IDENTIFIERAD, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	  0 },
	{ "Förstärkt arbetsträning på Nybro resurscentrum",
	  "Fler platser och handledning i arbetsträningen.", 0,
	  B(P_AF) | B(P_K2), B(P_K2), ST_UTFORMNING, ST_UTFORMNING, 0, 0, 0,
	  0, 0, 0, 0, 0, 0, 0 },
	{ "Motiverande samtal – kompetensinsats för handläggare",
	  "Gemensam utbildning för handläggare hos alla parter.", -1,
	  B(P_FK) | B(P_AF) | B(P_K1) | B(P_REGION), B(P_REGION),
	  ST_ANSVARSFORDELNING, ST_ANSVARSFORDELNING, 0, 0, 0, 0, 0, 0, 0, 0,
	  0, 0 },
	{ "Individuellt stöd i arbete (IPS) Kalmar",
	  "Arbetsspecialister i regionens psykiatri.", 1,
	  B(P_AF) | B(P_K1) | B(P_REGION), B(P_REGION), ST_BEVILJAD,
	  ST_BEVILJAD, 1, 1200000, 40, 770, 0, 0, 0, 0, 0, 0 },
	{ "Friskvård för arbetssökande",
	  "Träningskort och hälsosamtal; styrelsen såg ingen tydlig "
	  "koppling till arbetsförmåga.", -1, B(P_AF) | B(P_K4),
	  B(P_K4), ST_AVSLAG, ST_AVSLAG, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "Lotsen – samordnad väg till egen försörjning",
	  "Lotsar med mandat hos alla parter följer individen hela vägen.", 0,
	  B(P_FK) | B(P_AF) | ALLK | B(P_REGION), B(P_K1) | B(P_K2),
	  ST_GENOMFORANDE, ST_GENOMFORANDE, 0, 1450000, -130, 600, 38, 27, 6,
	  4, 9, 3 },
	{ "Kartläggningsteam för unga med aktivitetsersättning",
	  "Tvärprofessionellt team som kartlägger arbetsförmåga.", 0,
	  B(P_FK) | B(P_K1) | B(P_REGION), B(P_REGION), ST_AVSLUTAD,
	  ST_AVSLUTAD, 0, 980000, -140, -10, 17, 12, 5, 3, 8, 2 },
	{ "Gemensam mottagning i Torsås",
	  "Ersätts av kommunens egen verksamhet.", -1, B(P_AF) | B(P_K4),
	  0, ST_UTFORMNING, ST_AVBRUTEN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
};

const struct esf_plan demo_esf_plan_b = {
	"Vägen tillbaka – Blekinge",
	"Projektidé i det andra demoförbundet: syns inte för Sydost.", -1,
	false, B(P_AF) | B(P_K1), 0, 0, -1, 0, ST_UTFORMNING, ST_UTFORMNING,
	REASON_NONE, "", 0, 0
};

const struct finsam_plan demo_finsam_plan_b = {
	"Arbetsträning i Ronneby", "Behov som beredningsgruppen har lyft.",
	-1, 0, 0, ST_IDENTIFIERAD, ST_IDENTIFIERAD, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0
};

const size_t demo_nparties_b = sizeof(demo_parties_b) / sizeof(demo_parties_b[0]);
const size_t demo_nesf = sizeof(demo_esf_plans) / sizeof(demo_esf_plans[0]);
const size_t demo_nfinsam = sizeof(demo_finsam_plans) /
    sizeof(demo_finsam_plans[0]);
