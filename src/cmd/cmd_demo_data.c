/*
 * cmd_demo_data.c - what `bered demo` creates: two förbund of real kommuner
 * and regioner (shared/data/swedish_kommuner_lan.csv), a user per role,
 * needs, utlysningar relative to today, and one plan per case. The
 * builder (cmd_demo.c, cmd_demo_finsam.c) walks each plan through the real
 * state machine.
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

/* Blekinge län (10); P_K3 and P_K4 stay unused there. */
const struct demo_party demo_parties_b[] = {
	{ PK_FK, "", "Försäkringskassan" },
	{ PK_AF, "", "Arbetsförmedlingen" },
	{ PK_KOMMUN, "1080", "Karlskrona kommun" },
	{ PK_KOMMUN, "1081", "Ronneby kommun" },
	{ PK_REGION, "10", "Region Blekinge" },
};
const int demo_parties_b_pos[] = { P_FK, P_AF, P_K1, P_K2, P_REGION };

/* A party's ledamot sits at the index of its P_* position. */
const struct demo_user demo_users[DEMO_NUSERS] = {
	{ "ledamot.fk@demo.bered.se", "Karin Holm", ROLE_LEDAMOT, 1, P_FK },
	{ "ledamot.af@demo.bered.se", "Johan Berg", ROLE_LEDAMOT, 1, P_AF },
	{ "ledamot.kalmar@demo.bered.se", "Sara Nilsson", ROLE_LEDAMOT, 1,
	    P_K1 },
	{ "ledamot.nybro@demo.bered.se", "Ahmed Hassan", ROLE_LEDAMOT, 1,
	    P_K2 },
	{ "ledamot.emmaboda@demo.bered.se", "Lena Karlsson", ROLE_LEDAMOT, 1,
	    P_K3 },
	{ "ledamot.torsas@demo.bered.se", "Per Svensson", ROLE_LEDAMOT, 1,
	    P_K4 },
	{ "ledamot.region@demo.bered.se", "Maria Ek", ROLE_LEDAMOT, 1,
	    P_REGION },
	{ "kansli@demo.bered.se", "Eva Lund", ROLE_KANSLI, 1, -1 },
	{ "styrelse@demo.bered.se", "Bengt Olsson", ROLE_STYRELSE, 1, -1 },
	{ "esf-kansli@demo.bered.se", "Ingrid Sjöberg", ROLE_ESF_KANSLI, 0,
	    -1 },
	{ "nationell@demo.bered.se", "Nils Åberg", ROLE_NATIONELL, 0, -1 },
	{ "admin@demo.bered.se", "Alva Admin", ROLE_ADMIN, 0, -1 },
	{ "ledamot.karlskrona@demo.bered.se", "Fatima Ali", ROLE_LEDAMOT, 2,
	    P_K1 },
	{ "kansli.blekinge@demo.bered.se", "Olof Strand", ROLE_KANSLI, 2, -1 },
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

/* Titles as ESF-rådet writes them; " – YEAR" is appended. */
const struct demo_call demo_calls[NCALLS] = {
	[CALL_OLD] = { "Förebygga och motverka arbetslöshet", 412, -900, -820,
	    "Programområde A: Social inkludering", 46 },
	[CALL_CLOSED] = { "Stärkt ställning på arbetsmarknaden för personer "
			  "långt från arbetsmarknaden",
	    87, -300, -200, "Programområde A: Social inkludering", 46 },
	[CALL_SOON] = { "Förebygga och motverka arbetslöshet", 123, -45, 10,
	    "Programområde A: Social inkludering", 46 },
	[CALL_LATER] = { "Unga som varken arbetar eller studerar", 241, 60, 150,
	    "Programområde B: Unga", 52 },
};

/*
 * ESF+ cases, one or more in every state. "Samverkan för återgång i
 * arbete" has FK as fallback owner (R4) with an överenskommelse (R5);
 * "Framtidsverkstaden" has a kommun as owner.
 */
const struct esf_plan demo_esf_plans[] = {
	{
	    .title = "Arbetsintegrerande socialt företag i Torsås",
	    .desc = "Idé från beredningsgruppen: ett socialt företag som "
		    "ger arbetsträning inom återbruk.",
	    .need = -1,
	    .parties = 0,
	    .owner = -1,
	    .last = ST_IDENTIFIERAD,
	    .offramp = ST_IDENTIFIERAD,
	},
	{
	    .title = "Digital vägledning för unga vuxna",
	    .desc = "Gemensam digital ingång till stöd för unga vuxna i "
		    "länet.",
	    .need = 0,
	    .parties = 0,
	    .owner = -1,
	    .last = ST_IDENTIFIERAD,
	    .offramp = ST_IDENTIFIERAD,
	},
	{
	    .title = "Steg till arbete för personer med psykisk ohälsa",
	    .desc = "Individanpassat stöd enligt IPS-modellen, i samverkan "
		    "med regionens psykiatri.",
	    .need = 1,
	    .parties = B(P_AF) | B(P_K2) | B(P_REGION),
	    .owner = -1,
	    .last = ST_UTFORMNING,
	    .offramp = ST_UTFORMNING,
	},
	{
	    .title = "Språk och arbete – nyanlända kvinnor",
	    .desc = "Språkträning, praktik och hälsostöd i en sammanhållen "
		    "kedja.",
	    .need = 2,
	    .parties = B(P_AF) | B(P_K1) | B(P_K3),
	    .owner = -1,
	    .last = ST_OVERENS,
	    .offramp = ST_OVERENS,
	},
	{
	    .title = "Unga vuxna i aktivitetsersättning – Nybro",
	    .desc = "Kartläggning och stegvis arbetsträning för unga med "
		    "aktivitetsersättning.",
	    .need = 0,
	    .parties = B(P_FK) | B(P_K2) | B(P_REGION),
	    .cofin = B(P_K2) | B(P_REGION),
	    .utf = B(P_K2),
	    .owner = P_K2,
	    .last = ST_ANSOKAN,
	    .offramp = ST_ANSOKAN,
	},
	{
	    .title = "Hälsa och arbete – samverkan i Emmaboda",
	    .desc = "Hälsofrämjande insatser kombinerade med "
		    "arbetsträning.",
	    .need = 3,
	    .parties = B(P_AF) | B(P_K3) | B(P_REGION),
	    .cofin = B(P_K3) | B(P_REGION),
	    .utf = B(P_REGION),
	    .owner = P_REGION,
	    .call = CALL_SOON,
	    .last = ST_PARTSBESLUT,
	    .offramp = ST_PARTSBESLUT,
	},
	{
	    .title = "Vägen vidare – långtidsarbetslösa i Kalmar",
	    .desc = "Coachning och subventionerade anställningar för "
		    "personer som varit utan arbete i mer än två år.",
	    .need = -1,
	    .parties = B(P_AF) | B(P_K1) | B(P_REGION),
	    .cofin = B(P_AF) | B(P_K1),
	    .utf = B(P_K1),
	    .owner = P_K1,
	    .call = CALL_SOON,
	    .last = ST_INSKICKAD,
	    .offramp = ST_INSKICKAD,
	},
	{
	    .title = "Jobbspåret Sydost",
	    .desc = "Branschnära utbildning och praktik i samarbete med "
		    "lokala arbetsgivare.",
	    .need = -1,
	    .parties = ALLK | B(P_AF),
	    .cofin = B(P_AF) | B(P_K1) | B(P_K2),
	    .utf = B(P_K1) | B(P_K2),
	    .owner = P_K1,
	    .call = CALL_CLOSED,
	    .last = ST_BEVILJAD,
	    .offramp = ST_BEVILJAD,
	    .amount = 4850000,
	},
	{
	    .title = "Kompetenslyft för arbetsmarknadsnära",
	    .desc = "Korta yrkesutbildningar för personer nära "
		    "arbetsmarknaden.",
	    .need = -1,
	    .parties = B(P_AF) | B(P_K4),
	    .cofin = B(P_K4),
	    .utf = B(P_K4),
	    .owner = P_K4,
	    .call = CALL_CLOSED,
	    .last = ST_AVSLAG,
	    .offramp = ST_AVSLAG,
	},
	{
	    .title = "Samverkan för återgång i arbete",
	    .desc = "FK är projektägare som reservlösning: ingen annan "
		    "part kunde äga projektet. AF och Kalmar kommun utför "
		    "insatserna.",
	    .need = 3,
	    .parties = B(P_FK) | B(P_AF) | B(P_K1) | B(P_REGION),
	    .cofin = B(P_FK) | B(P_AF) | B(P_K1) | B(P_REGION),
	    .utf = B(P_AF) | B(P_K1),
	    .owner = P_FK,
	    .call = CALL_CLOSED,
	    .last = ST_GENOMFORANDE,
	    .offramp = ST_GENOMFORANDE,
	    .amount = 6200000,
	},
	{
	    .title = "Framtidsverkstaden – unga utanför arbete och studier",
	    .desc = "Uppsökande arbete och individuellt stöd för unga "
		    "16-29 år.",
	    .need = 0,
	    .parties = B(P_AF) | B(P_K1) | B(P_K2),
	    .cofin = B(P_K1) | B(P_K2),
	    .utf = B(P_K1) | B(P_K2),
	    .owner = P_K1,
	    .call = CALL_CLOSED,
	    .last = ST_GENOMFORANDE,
	    .offramp = ST_GENOMFORANDE,
	    .amount = 3900000,
	},
	{
	    .title = "Rehabkedjan i Kalmar län",
	    .desc = "Samordnad rehabilitering mellan vård och arbetsliv.",
	    .need = 3,
	    .parties = B(P_FK) | B(P_K1) | B(P_REGION),
	    .cofin = B(P_K1) | B(P_REGION),
	    .utf = B(P_REGION),
	    .owner = P_REGION,
	    .call = CALL_OLD,
	    .last = ST_SLUTRAPPORTERAD,
	    .offramp = ST_SLUTRAPPORTERAD,
	    .amount = 5100000,
	    .end_rel = -60,
	},
	{
	    .title = "Arbetsträning i kommunal regi",
	    .desc = "Arbetsträningsplatser i kommunens verksamheter.",
	    .need = -1,
	    .parties = B(P_AF) | B(P_K2),
	    .cofin = B(P_K2),
	    .utf = B(P_K2),
	    .owner = P_K2,
	    .call = CALL_OLD,
	    .last = ST_AVSLUTAD,
	    .offramp = ST_AVSLUTAD,
	    .amount = 2300000,
	    .end_rel = -120,
	},
	{
	    .title = "Stöd till unga med neuropsykiatriska "
		     "funktionsnedsättningar",
	    .desc = "Ingen utlysning i utlysningsplanen passar "
		    "projektidén.",
	    .need = 0,
	    .parties = B(P_K1) | B(P_REGION),
	    .owner = -1,
	    .last = ST_UTFORMNING,
	    .offramp = ST_AVBRUTEN,
	    .reason = REASON_INGEN_UTLYSNING,
	    .reason_text = "Ingen passande utlysning före 2027.",
	},
	{
	    .title = "Gemensam arbetsmarknadsenhet Emmaboda–Torsås",
	    .desc = "Parterna kunde inte enas om medfinansieringen.",
	    .need = -1,
	    .parties = B(P_AF) | B(P_K3) | B(P_K4),
	    .owner = -1,
	    .last = ST_OVERENS,
	    .offramp = ST_AVBRUTEN,
	    .reason = REASON_MEDFINANSIERING_SAKNAS,
	    .reason_text = "Medfinansiering saknas från två av parterna.",
	},
	{
	    .title = "Kompetensutveckling för anställda inom äldreomsorgen",
	    .desc = "Målgruppen är anställda, inte Finsams målgrupp: "
		    "hanteras utanför beredningsgruppen.",
	    .need = -1,
	    .outside = true,
	    .parties = B(P_K1) | B(P_K2),
	    .owner = -1,
	    .last = ST_UTFORMNING,
	    .offramp = ST_UTANFOR_RUTINEN,
	},
};

/* Finsam insatser, one in every state; decisions in the two meetings. */
const struct finsam_plan demo_finsam_plans[] = {
	{
	    .title = "Samordnad rehabilitering vid långvarig smärta",
	    .desc = "Behov från kartläggningen; parterna har inte börjat "
		    "utforma.",
	    .need = 3,
	    .parties = 0,
	    .last = ST_IDENTIFIERAD,
	    .offramp = ST_IDENTIFIERAD,
	},
	{
	    .title = "Förstärkt arbetsträning på Nybro resurscentrum",
	    .desc = "Fler platser och handledning i arbetsträningen.",
	    .need = 0,
	    .parties = B(P_AF) | B(P_K2),
	    .utf = B(P_K2),
	    .last = ST_UTFORMNING,
	    .offramp = ST_UTFORMNING,
	},
	{
	    .title = "Motiverande samtal – kompetensinsats för handläggare",
	    .desc = "Gemensam utbildning för handläggare hos alla parter.",
	    .need = -1,
	    .parties = B(P_FK) | B(P_AF) | B(P_K1) | B(P_REGION),
	    .utf = B(P_REGION),
	    .last = ST_ANSVARSFORDELNING,
	    .offramp = ST_ANSVARSFORDELNING,
	},
	{
	    .title = "Individuellt stöd i arbete (IPS) Kalmar",
	    .desc = "Arbetsspecialister i regionens psykiatri.",
	    .need = 1,
	    .parties = B(P_AF) | B(P_K1) | B(P_REGION),
	    .utf = B(P_REGION),
	    .last = ST_BEVILJAD,
	    .offramp = ST_BEVILJAD,
	    .meeting = 1,
	    .amount = 1200000,
	    .start_rel = 40,
	    .end_rel = 770,
	},
	{
	    .title = "Friskvård för arbetssökande",
	    .desc = "Träningskort och hälsosamtal; styrelsen såg ingen "
		    "tydlig koppling till arbetsförmåga.",
	    .need = -1,
	    .parties = B(P_AF) | B(P_K4),
	    .utf = B(P_K4),
	    .last = ST_AVSLAG,
	    .offramp = ST_AVSLAG,
	    .meeting = 1,
	},
	{
	    .title = "Lotsen – samordnad väg till egen försörjning",
	    .desc = "Lotsar med mandat hos alla parter följer individen "
		    "hela vägen.",
	    .need = 0,
	    .parties = ALLK | B(P_FK) | B(P_AF) | B(P_REGION),
	    .utf = B(P_K1) | B(P_K2),
	    .last = ST_GENOMFORANDE,
	    .offramp = ST_GENOMFORANDE,
	    .meeting = 0,
	    .amount = 1450000,
	    .start_rel = -130,
	    .end_rel = 600,
	    .women = 38,
	    .men = 27,
	    .work = 6,
	    .studies = 4,
	    .seeking = 9,
	    .other = 3,
	},
	{
	    .title = "Kartläggningsteam för unga med aktivitetsersättning",
	    .desc = "Tvärprofessionellt team som kartlägger arbetsförmåga.",
	    .need = 0,
	    .parties = B(P_FK) | B(P_K1) | B(P_REGION),
	    .utf = B(P_REGION),
	    .last = ST_AVSLUTAD,
	    .offramp = ST_AVSLUTAD,
	    .meeting = 0,
	    .amount = 980000,
	    .start_rel = -140,
	    .end_rel = -10,
	    .women = 17,
	    .men = 12,
	    .work = 5,
	    .studies = 3,
	    .seeking = 8,
	    .other = 2,
	},
	{
	    .title = "Gemensam mottagning i Torsås",
	    .desc = "Ersätts av kommunens egen verksamhet.",
	    .need = -1,
	    .parties = B(P_AF) | B(P_K4),
	    .last = ST_UTFORMNING,
	    .offramp = ST_AVBRUTEN,
	},
};

const struct esf_plan demo_esf_plan_b = {
	.title = "Vägen tillbaka – Blekinge",
	.desc = "Projektidé i det andra demoförbundet: syns inte för Sydost.",
	.need = -1,
	.parties = B(P_AF) | B(P_K1),
	.owner = -1,
	.last = ST_UTFORMNING,
	.offramp = ST_UTFORMNING,
};

const struct finsam_plan demo_finsam_plan_b = {
	.title = "Arbetsträning i Ronneby",
	.desc = "Behov som beredningsgruppen har lyft.",
	.need = -1,
	.last = ST_IDENTIFIERAD,
	.offramp = ST_IDENTIFIERAD,
};

const size_t demo_nparties_b =
    sizeof(demo_parties_b) / sizeof(demo_parties_b[0]);
const size_t demo_nesf = sizeof(demo_esf_plans) / sizeof(demo_esf_plans[0]);
const size_t demo_nfinsam =
    sizeof(demo_finsam_plans) / sizeof(demo_finsam_plans[0]);
