//! Vern's own standard vernerunde checklist (bokmål), written for Vern.

use crate::db::checklists::{NewItem, NewSection, NewTemplate};

const fn item(
    text: &'static str,
    guidance: &'static str,
    legal_ref: &'static str,
    category: &'static str,
) -> NewItem<'static> {
    NewItem {
        text,
        guidance,
        legal_ref,
        category,
    }
}

const ORGANISERING: [NewItem<'static>; 4] = [
    item(
        "Alle kjenner til hvem som er leder, verneombud og HMS-kontakt for enheten.",
        "Spør to–tre ansatte. Navn og kontaktinfo bør henge synlig eller ligge lett tilgjengelig.",
        "Arbeidsmiljøloven § 6-1 og § 6-2",
        "organisering",
    ),
    item(
        "Nye ansatte og vikarer har fått opplæring i HMS-rutiner og farer på arbeidsplassen.",
        "Se etter sjekkliste for opplæring og spør en som er ny siden forrige runde.",
        "Arbeidsmiljøloven § 3-2",
        "opplæring",
    ),
    item(
        "Arbeidsmengde, tidspress og samarbeid blir tatt opp jevnlig, og det finnes en måte å si fra på.",
        "Har enheten hatt personalmøte eller medarbeidersamtaler der dette var tema det siste året?",
        "Arbeidsmiljøloven § 4-3",
        "psykososialt",
    ),
    item(
        "Ansatte vet hvordan de melder avvik, og meldte avvik blir fulgt opp.",
        "Be noen vise hvor de melder. Sjekk om avvik fra forrige runde er lukket.",
        "Internkontrollforskriften § 5",
        "organisering",
    ),
];

const INNEKLIMA: [NewItem<'static>; 4] = [
    item(
        "Luften oppleves frisk, uten vedvarende lukt, trekk eller tett luft.",
        "Spør de som arbeider i rommet. Se etter tildekkede ventiler og vinduer som ikke kan åpnes.",
        "Arbeidsplassforskriften kap. 2",
        "inneklima",
    ),
    item(
        "Temperaturen er behagelig gjennom året.",
        "Spør om det blir for varmt om sommeren eller kaldt om vinteren, og om det kan reguleres.",
        "Arbeidsplassforskriften kap. 2",
        "inneklima",
    ),
    item(
        "Belysningen er god nok for arbeidet, uten blending.",
        "Se etter defekte lysrør, mørke arbeidsflater og gjenskinn på skjermer.",
        "Arbeidsmiljøloven § 4-4",
        "lys",
    ),
    item(
        "Støy er så lav at man kan snakke og konsentrere seg, og hørselvern brukes der det trengs.",
        "Må man heve stemmen for å bli hørt på en meters avstand? Da bør støyen måles.",
        "Arbeidsmiljøloven § 4-4",
        "støy",
    ),
];

const ERGONOMI: [NewItem<'static>; 3] = [
    item(
        "Arbeidsplasser og møbler kan stilles inn etter den som bruker dem.",
        "Sjekk stoler, bordhøyde og skjermplassering. Barnehager og skoler: voksenstoler finnes der de trengs.",
        "Arbeidsmiljøloven § 4-4",
        "ergonomi",
    ),
    item(
        "Tunge løft og forflytninger gjøres med hjelpemidler og riktig teknikk.",
        "Finnes løftehjelpemidler, traller eller personløftere, og er de i bruk og i orden?",
        "Arbeidsmiljøloven § 4-4",
        "ergonomi",
    ),
    item(
        "Ensformig arbeid og langvarige uheldige stillinger er redusert så langt det går.",
        "Spør om noen har vondt i nakke, skuldre eller rygg som de knytter til arbeidet.",
        "Arbeidsmiljøloven § 4-4",
        "ergonomi",
    ),
];

const KJEMIKALIER: [NewItem<'static>; 3] = [
    item(
        "Stoffkartoteket er oppdatert med sikkerhetsdatablad for alle kjemikalier på stedet.",
        "Velg to produkter i hyllen og se om de står i kartoteket med gjeldende datablad.",
        "Arbeidsmiljøloven § 4-5",
        "kjemikalier",
    ),
    item(
        "Kjemikalier er merket, oppbevart trygt og utilgjengelig for uvedkommende.",
        "Se etter omtappede flasker uten etikett og ulåste skap der barn eller brukere ferdes.",
        "Arbeidsmiljøloven § 4-5",
        "kjemikalier",
    ),
    item(
        "Verneutstyr (hansker, briller, forkle) finnes og brukes ved arbeid med kjemikalier.",
        "Passer utstyret til produktene, og er det lett å finne?",
        "Arbeidsmiljøloven § 4-5",
        "verneutstyr",
    ),
];

const BRANNVERN: [NewItem<'static>; 4] = [
    item(
        "Rømningsveier og nødutganger er frie, merket og lette å åpne.",
        "Gå rømningsveien. Ingenting skal stå lagret i korridorer eller foran dører.",
        "Brannforebyggingsforskriften; arbeidsplassforskriften",
        "brannvern",
    ),
    item(
        "Slokkeutstyr er på plass, synlig og kontrollert.",
        "Sjekk kontrollmerket på apparatet og at brannslangen når dit den skal.",
        "Brannforebyggingsforskriften",
        "brannvern",
    ),
    item(
        "Branndører lukker av seg selv og holdes ikke åpne med kiler eller møbler.",
        "Åpne og slipp døren. Dørholdere skal være koblet til brannalarmen.",
        "Brannforebyggingsforskriften",
        "brannvern",
    ),
    item(
        "Ansatte kjenner branninstruksen og har deltatt i brannøvelse det siste året.",
        "Spør hvor nærmeste manuelle melder og samlingsplass er.",
        "Brannforebyggingsforskriften",
        "brannvern",
    ),
];

const MASKINER: [NewItem<'static>; 3] = [
    item(
        "Maskiner og elektrisk utstyr er hele, med beskyttelse på plass.",
        "Se etter skadde ledninger, løse støpsler, manglende skjermer og hjemmelagde løsninger.",
        "Arbeidsmiljøloven § 4-4",
        "utstyr",
    ),
    item(
        "Bruksanvisning finnes, og de som bruker utstyret har fått opplæring.",
        "Gjelder særlig kjøkken, verksted, vaskeri og medisinsk-teknisk utstyr.",
        "Arbeidsmiljøloven § 3-2",
        "utstyr",
    ),
    item(
        "Utstyr som krever periodisk kontroll er kontrollert og merket.",
        "Løfteutstyr, personløftere og trykkbeholdere har ofte krav om årlig kontroll.",
        "Arbeidsmiljøloven § 4-4",
        "utstyr",
    ),
];

const VOLD: [NewItem<'static>; 3] = [
    item(
        "Risikoen for vold og trusler er vurdert, og det finnes rutiner for å forebygge og håndtere dem.",
        "Spør om rutinen er kjent, og om hendelser blir meldt og fulgt opp.",
        "Arbeidsmiljøloven § 4-3 (4)",
        "vold og trusler",
    ),
    item(
        "Alarm eller annen måte å tilkalle hjelp på finnes og virker der det er behov.",
        "Test alarmen om mulig. Vet alle hvem som kommer når den går?",
        "Arbeidsmiljøloven § 4-3 (4)",
        "vold og trusler",
    ),
    item(
        "Alenearbeid er vurdert, og den som arbeider alene kan få hjelp.",
        "Gjelder kvelds- og nattarbeid, hjemmebesøk og lukkede rom.",
        "Arbeidsmiljøloven § 4-1",
        "vold og trusler",
    ),
];

const FORSTEHJELP: [NewItem<'static>; 3] = [
    item(
        "Førstehjelpsutstyr er komplett, ikke utgått og lett å finne.",
        "Åpne skrinet: plaster, kompresser, øyeskyll og sjekkliste for påfyll.",
        "Arbeidsplassforskriften",
        "førstehjelp",
    ),
    item(
        "Det er nok ansatte med førstehjelpskurs, og hjertestarter er kjent og tilgjengelig.",
        "Hvor er nærmeste hjertestarter, og når ble den sist sjekket?",
        "Arbeidsplassforskriften",
        "førstehjelp",
    ),
    item(
        "Beredskapsplan og viktige telefonnumre er oppdatert og kjent.",
        "Se at oppslaget har riktige navn og numre.",
        "Internkontrollforskriften § 5",
        "beredskap",
    ),
];

const ORDEN: [NewItem<'static>; 3] = [
    item(
        "Gulv, trapper og ganger er ryddige, uten snublefeller eller glatte flater.",
        "Se etter løse ledninger, matter som glir og dårlig vedlikeholdte trapper.",
        "Arbeidsmiljøloven § 4-4",
        "orden",
    ),
    item(
        "Renholdet er godt nok for rommets bruk.",
        "Spør både brukerne og renholderne om rutinene fungerer.",
        "Arbeidsmiljøloven § 4-4",
        "renhold",
    ),
    item(
        "Lager og hyller er stabile, og tunge ting står lavt.",
        "Er hyllene festet til veggen? Står noe i fare for å falle ned?",
        "Arbeidsmiljøloven § 4-4",
        "orden",
    ),
];

const SECTIONS: [NewSection<'static>; 9] = [
    NewSection {
        title: "Organisering og psykososialt arbeidsmiljø",
        items: &ORGANISERING,
    },
    NewSection {
        title: "Inneklima, lys og støy",
        items: &INNEKLIMA,
    },
    NewSection {
        title: "Ergonomi",
        items: &ERGONOMI,
    },
    NewSection {
        title: "Kjemikalier og stoffkartotek",
        items: &KJEMIKALIER,
    },
    NewSection {
        title: "Brannvern og rømningsveier",
        items: &BRANNVERN,
    },
    NewSection {
        title: "Maskiner og utstyr",
        items: &MASKINER,
    },
    NewSection {
        title: "Vold og trusler",
        items: &VOLD,
    },
    NewSection {
        title: "Førstehjelp og beredskap",
        items: &FORSTEHJELP,
    },
    NewSection {
        title: "Orden og renhold",
        items: &ORDEN,
    },
];

/// The standard vernerunde checklist.
pub const STANDARD_VERNERUNDE: NewTemplate<'static> = NewTemplate {
    kind: "vernerunde",
    name: "Vernerunde – standard sjekkliste",
    sections: &SECTIONS,
};
