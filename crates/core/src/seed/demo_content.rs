// SPDX-License-Identifier: AGPL-3.0-only
//! The demo's content: a mid-sized town's participation platform in English, Dutch and French.

/// A text in the three languages we ship.
pub(super) type Tri = [&'static str; 3];

pub(super) const RESIDENTS: &[(&str, &str, &str)] = &[
    ("lea.martens", "Léa Martens", "fr"),
    ("omar.haddad", "Omar Haddad", "en"),
    ("ines.dubois", "Inès Dubois", "fr"),
    ("jan.peeters", "Jan Peeters", "nl"),
    ("sofia.rossi", "Sofia Rossi", "en"),
    ("tom.devries", "Tom de Vries", "nl"),
    ("amina.benali", "Amina Benali", "fr"),
    ("lukas.maes", "Lukas Maes", "nl"),
];

pub(super) const TOPICS: &[Tri] = &[
    ["Green spaces", "Groen", "Espaces verts"],
    ["Mobility", "Mobiliteit", "Mobilité"],
    ["Culture", "Cultuur", "Culture"],
    ["Safety", "Veiligheid", "Sécurité"],
];

pub(super) const AREAS: &[Tri] =
    &[["North", "Noord", "Nord"], ["Centre", "Centrum", "Centre"], ["South", "Zuid", "Sud"]];

/// How far a demo project got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// Ideas are being collected now.
    Collecting,
    /// Collection ended; the town is working on the answers (an information phase now).
    Answering,
    /// Collection ended; residents now spend a participatory budget on the ideas.
    Voting,
    /// Not published yet.
    Draft,
    /// Over and archived.
    Archived,
}

pub(super) struct DemoIdea {
    pub title: &'static str,
    pub body: &'static str,
    /// Index into `RESIDENTS`.
    pub author: usize,
    pub topic: Option<usize>,
    pub area: Option<usize>,
    /// How many residents support it.
    pub supports: usize,
    pub comments: &'static [(usize, &'static str)],
    /// A status code and the organisation's feedback.
    pub answer: Option<(&'static str, &'static str)>,
}

pub(super) struct DemoProject {
    pub slug: &'static str,
    pub title: Tri,
    pub description: Tri,
    pub stage: Stage,
    pub dislikes: bool,
    pub ideas: &'static [DemoIdea],
}

pub(super) const PROJECTS: &[DemoProject] = &[
    DemoProject {
        slug: "greener-parks",
        title: ["Greener parks", "Groenere parken", "Des parcs plus verts"],
        description: [
            "Where should the new benches, trees and fountains go? Share your ideas for the town's five parks until the end of the year. The parks team reads every idea and answers here.",
            "Waar komen de nieuwe banken, bomen en fonteinen? Deel je ideeën voor de vijf parken van de stad tot het einde van het jaar. De groendienst leest elk idee en antwoordt hier.",
            "Où placer les nouveaux bancs, arbres et fontaines ? Partagez vos idées pour les cinq parcs de la ville jusqu’à la fin de l’année. Le service des espaces verts lit chaque idée et répond ici.",
        ],
        stage: Stage::Collecting,
        dislikes: false,
        ideas: &[
            DemoIdea {
                title: "Shade trees along the playground",
                body: "Children play in full sun all afternoon. Six lime trees on the south side would give shade within a few years.",
                author: 0,
                topic: Some(0),
                area: Some(0),
                supports: 6,
                comments: &[(1, "Yes! Lime trees smell wonderful in June."), (2, "Could some of them be fruit trees?")],
                answer: Some((
                    "under_consideration",
                    "Our parks team is checking the soil and the underground pipes. We will answer by March.",
                )),
            },
            DemoIdea {
                title: "Bankjes met zicht op de vijver",
                body: "Oudere buurtbewoners wandelen hier elke ochtend, maar er is nergens een plek om te rusten. Drie bankjes aan het water, graag.",
                author: 3,
                topic: Some(0),
                area: Some(1),
                supports: 5,
                comments: &[
                    (5, "Goed idee, en liefst met een rugleuning."),
                    (0, "Je soutiens, ma grand-mère y va chaque jour."),
                ],
                answer: Some((
                    "accepted",
                    "Three benches with backrests will be placed in April. Thank you for the suggestion!",
                )),
            },
            DemoIdea {
                title: "Une fontaine à eau près de l’entrée",
                body: "Les joggeurs et les promeneurs de chiens l’utiliseraient toute l’année. Une fontaine simple suffit.",
                author: 2,
                topic: Some(0),
                area: Some(2),
                supports: 3,
                comments: &[],
                answer: None,
            },
            DemoIdea {
                title: "A community garden in the north park",
                body: "Plots for residents without a garden, with a shared shed for tools and a rain barrel.",
                author: 4,
                topic: Some(0),
                area: Some(0),
                supports: 4,
                comments: &[
                    (6, "I would take a plot straight away."),
                    (7, "Who would look after it in the summer holidays?"),
                ],
                answer: None,
            },
            DemoIdea {
                title: "Dog area with a fence",
                body: "Dogs run loose on the lawn where children play. A fenced area by the hedge would solve it for everyone.",
                author: 1,
                topic: Some(3),
                area: Some(2),
                supports: 2,
                comments: &[(3, "Graag, en met een afvalbak voor zakjes.")],
                answer: Some((
                    "rejected",
                    "There is not enough room in this park; we are looking at the field behind the sports centre instead.",
                )),
            },
        ],
    },
    DemoProject {
        slug: "safe-streets-to-school",
        title: ["Safe streets to school", "Veilige schoolroutes", "Des rues sûres vers l’école"],
        description: [
            "Tell us where the way to school feels unsafe and what would help. You can support or oppose each idea.",
            "Vertel ons waar de weg naar school onveilig aanvoelt en wat zou helpen. Je kunt elk idee steunen of er tegen zijn.",
            "Dites-nous où le chemin de l’école semble dangereux et ce qui aiderait. Vous pouvez soutenir chaque idée ou vous y opposer.",
        ],
        stage: Stage::Collecting,
        dislikes: true,
        ideas: &[
            DemoIdea {
                title: "School street on Linden Lane",
                body: "Close Linden Lane to cars for half an hour at the start and end of the school day.",
                author: 5,
                topic: Some(1),
                area: Some(1),
                supports: 5,
                comments: &[
                    (4, "It works very well in the next town."),
                    (1, "Residents still need to reach their garages."),
                ],
                answer: None,
            },
            DemoIdea {
                title: "Zebrapad aan de bakker",
                body: "Kinderen steken over tussen geparkeerde auto's. Een zebrapad met verlichting zou veel helpen.",
                author: 7,
                topic: Some(3),
                area: Some(1),
                supports: 4,
                comments: &[],
                answer: None,
            },
            DemoIdea {
                title: "Pistes cyclables séparées rue de la Gare",
                body: "Aujourd’hui les vélos partagent la chaussée avec les camions de livraison. Une bordure suffirait.",
                author: 6,
                topic: Some(1),
                area: Some(2),
                supports: 3,
                comments: &[(2, "Oui, et un arceau à vélos devant l’école.")],
                answer: None,
            },
        ],
    },
    DemoProject {
        slug: "library-of-things",
        title: ["A library of things", "Een uitleendienst voor spullen", "Une bibliothèque d’objets"],
        description: [
            "Residents proposed what a shared library of tools and equipment should lend. Collection is over; here is what happens next.",
            "Inwoners stelden voor wat een gedeelde uitleendienst voor gereedschap en materiaal moet uitlenen. De inzameling is voorbij; dit gebeurt er nu.",
            "Les habitants ont proposé ce qu’une bibliothèque d’outils et de matériel devrait prêter. La collecte est terminée ; voici la suite.",
        ],
        stage: Stage::Answering,
        dislikes: false,
        ideas: &[
            DemoIdea {
                title: "Lend drills and ladders",
                body: "Most people use a drill a few minutes a year. Two drills and two ladders would be enough to start.",
                author: 1,
                topic: Some(2),
                area: None,
                supports: 6,
                comments: &[(0, "And a stud finder, please.")],
                answer: Some((
                    "implemented",
                    "The library opened in the town hall basement on Saturdays, with drills, ladders and a stud finder.",
                )),
            },
            DemoIdea {
                title: "Party tent for street parties",
                body: "One big tent and folding tables that neighbours can book for street parties.",
                author: 3,
                topic: Some(2),
                area: None,
                supports: 4,
                comments: &[],
                answer: Some(("accepted", "Bought; it can be booked from next month.")),
            },
        ],
    },
    DemoProject {
        slug: "participatory-budget",
        title: ["Participatory budget 2027", "Burgerbudget 2027", "Budget participatif 2027"],
        description: [
            "€100,000 for neighbourhood projects chosen by residents. Choose the ideas you want within the budget and submit your basket; you get a receipt you can check in the published ballots.",
            "€100.000 voor buurtprojecten die inwoners kiezen. Kies de ideeën die je wilt binnen het budget en dien je keuze in; je krijgt een ontvangstbewijs dat je kunt nagaan in de gepubliceerde stembiljetten.",
            "100 000 € pour des projets de quartier choisis par les habitants. Choisissez les idées que vous voulez dans le budget et envoyez votre panier ; vous recevez un reçu vérifiable dans les bulletins publiés.",
        ],
        stage: Stage::Voting,
        dislikes: false,
        ideas: &[
            DemoIdea {
                title: "Repair the skate ramp",
                body: "The ramp behind the sports hall has been closed for a year. Young people have nowhere else to go.",
                author: 7,
                topic: Some(2),
                area: Some(2),
                supports: 4,
                comments: &[],
                answer: Some(("accepted", "Feasible: estimated at €25,000.")),
            },
            DemoIdea {
                title: "Bicycle racks at the station",
                body: "Covered racks for 80 bicycles on the north side of the station.",
                author: 1,
                topic: Some(1),
                area: Some(0),
                supports: 5,
                comments: &[(3, "Met een paar plaatsen voor bakfietsen, graag.")],
                answer: Some(("accepted", "Feasible: estimated at €35,000.")),
            },
            DemoIdea {
                title: "Un jardin partagé rue des Tilleuls",
                body: "Des bacs surélevés, un composteur et un point d’eau sur le terrain vague.",
                author: 2,
                topic: Some(0),
                area: Some(1),
                supports: 3,
                comments: &[],
                answer: Some(("accepted", "Feasible: estimated at €45,000.")),
            },
            DemoIdea {
                title: "Lights on the canal path",
                body: "The path is dark from five in the evening in winter.",
                author: 4,
                topic: Some(3),
                area: Some(1),
                supports: 4,
                comments: &[],
                answer: Some(("accepted", "Feasible: estimated at €55,000.")),
            },
        ],
    },
    DemoProject {
        slug: "market-square",
        title: ["The new market square", "Het nieuwe marktplein", "La nouvelle place du marché"],
        description: [
            "A draft: the design team prepares the questions for residents.",
            "Een ontwerp: het ontwerpteam bereidt de vragen voor inwoners voor.",
            "Un brouillon : l’équipe de conception prépare les questions pour les habitants.",
        ],
        stage: Stage::Draft,
        dislikes: false,
        ideas: &[],
    },
    DemoProject {
        slug: "summer-festival",
        title: ["Summer festival", "Zomerfestival", "Festival d’été"],
        description: [
            "Last year's festival programme, chosen with residents. Archived.",
            "Het programma van het festival van vorig jaar, gekozen met inwoners. Gearchiveerd.",
            "Le programme du festival de l’an dernier, choisi avec les habitants. Archivé.",
        ],
        stage: Stage::Archived,
        dislikes: false,
        ideas: &[DemoIdea {
            title: "Open-air cinema night",
            body: "A film on the square on the last Friday of August.",
            author: 4,
            topic: Some(2),
            area: Some(1),
            supports: 5,
            comments: &[(5, "It was lovely, let's do it again.")],
            answer: Some(("implemented", "It took place on 29 August with 400 visitors.")),
        }],
    },
];
