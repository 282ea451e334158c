// SPDX-License-Identifier: AGPL-3.0-only
//! Word lists for synthetic ideas and comments: enough variety that search and lists behave as
//! they would on real text.

pub(super) const WISHES: &[&str] = &[
    "More",
    "Safer",
    "Greener",
    "Quieter",
    "Wider",
    "Shaded",
    "Accessible",
    "Covered",
    "Brighter",
    "Cleaner",
    "Free",
    "Better",
    "New",
    "Longer",
    "Calmer",
];

pub(super) const THINGS: &[&str] = &[
    "benches",
    "bike lanes",
    "trees",
    "crossings",
    "playgrounds",
    "fountains",
    "bus stops",
    "footpaths",
    "street lights",
    "bins",
    "flower beds",
    "sports fields",
    "community gardens",
    "bike racks",
    "picnic tables",
    "toilets",
    "library hours",
    "market stalls",
    "skate ramps",
    "dog parks",
];

pub(super) const PLACES: &[&str] = &[
    "near the station",
    "on the market square",
    "by the river",
    "around the schools",
    "in the old town",
    "along the canal",
    "in the north park",
    "at the sports centre",
    "on Main Street",
    "near the library",
    "by the harbour",
    "in the new district",
];

pub(super) const REASONS: &[&str] = &[
    "Families with young children would use this every day.",
    "Older residents have asked for this for years.",
    "It would make the walk to school much safer.",
    "The area is busy on weekends and there is nothing there yet.",
    "Other towns have done this and it worked well.",
    "It costs little and helps many people.",
    "Shops nearby would benefit as well.",
    "It would cut noise and traffic in the evening.",
    "Cyclists now have to share the road with lorries.",
    "The current one is broken and nobody repairs it.",
];

pub(super) const REPLIES: &[&str] = &[
    "Good idea, I support this.",
    "I would add a few more on the other side.",
    "Has anyone checked what this would cost?",
    "Yes please, this is long overdue.",
    "I am not sure this is the right place for it.",
    "We discussed this at the neighbourhood meeting too.",
    "Could this be combined with the other proposal?",
    "My children would love this.",
    "Please think about people in wheelchairs as well.",
    "This would also help the local shops.",
];

pub(super) const FIRST_NAMES: &[&str] = &[
    "Ana", "Ben", "Chloé", "Daan", "Emma", "Farid", "Greta", "Hugo", "Inès", "Jonas", "Karim", "Lea", "Mila", "Noah",
    "Omar", "Pia", "Quentin", "Rosa", "Sami", "Tess", "Umar", "Vera", "Wout", "Yara", "Zoé",
];
