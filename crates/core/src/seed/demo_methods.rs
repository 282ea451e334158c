// SPDX-License-Identifier: AGPL-3.0-only
//! The demo's other participation methods: a survey with answers, a poll, volunteering with
//! pictured causes, and upcoming events with registrations, so every method can be seen at work.
use std::collections::BTreeMap;

use chrono::{Duration, Utc};

use super::pictures;
use crate::modules::events::EventInput;
use crate::modules::polls;
use crate::modules::projects::{PUBLIC, PUBLISHED, PhaseInput, ProjectChanges};
use crate::modules::surveys::{AnswerInput, QuestionInput, SURVEY};
use crate::{Actor, CoreResult, Platform};

type Tri<'a> = [&'a str; 3];

fn tri(text: &Tri) -> BTreeMap<String, String> {
    ["en", "nl", "fr"].iter().zip(text).map(|(l, t)| ((*l).to_owned(), (*t).to_owned())).collect()
}

fn tris(list: &[Tri]) -> Vec<BTreeMap<String, String>> {
    list.iter().map(tri).collect()
}

impl Platform {
    /// A published project at `position` with one running phase of `method`: (project, phase).
    async fn demo_method_project(
        &self,
        slug: &str,
        title: &Tri<'_>,
        description: &Tri<'_>,
        method: &str,
        position: i32,
    ) -> CoreResult<(i32, i32)> {
        let op = &Actor::Operator;
        let changes = ProjectChanges {
            slug: Some(slug.to_owned()),
            title: Some(tri(title)),
            description: Some(tri(description)),
            visibility: Some(PUBLIC.to_owned()),
            position: Some(position),
            ..Default::default()
        };
        let project = self.create_project(op, changes).await?;
        self.set_project_header(op, project.id, pictures::landscape(position as usize + 1)).await?;
        let phase = PhaseInput {
            title: tri(title),
            description: BTreeMap::new(),
            method: method.to_owned(),
            start_at: Some(Utc::now() - Duration::days(7)),
            end_at: Some(Utc::now() + Duration::days(21)),
        };
        let phase = self.create_phase(op, project.id, phase).await?;
        self.set_project_status(op, project.id, PUBLISHED).await?;
        Ok((project.id, phase.id))
    }

    /// Adds the survey, poll, volunteering and events projects after `position`; returns how
    /// many projects it made.
    pub(super) async fn demo_methods(&self, residents: &[Actor], position: i32) -> CoreResult<usize> {
        self.demo_survey(residents, position).await?;
        self.demo_poll(residents, position + 1).await?;
        self.demo_volunteering(residents, position + 2).await?;
        Ok(3)
    }

    async fn demo_survey(&self, residents: &[Actor], position: i32) -> CoreResult<()> {
        let op = &Actor::Operator;
        let (_, phase) = self
            .demo_method_project(
                "station-square-survey",
                &[
                    "How do you find Station Square?",
                    "Hoe vind je het Stationsplein?",
                    "Que pensez-vous de la place de la Gare ?",
                ],
                &[
                    "<p>Ten minutes about the square before the redesign starts.</p>",
                    "<p>Tien minuten over het plein voordat het herontwerp begint.</p>",
                    "<p>Dix minutes sur la place avant le début du réaménagement.</p>",
                ],
                SURVEY,
                position,
            )
            .await?;
        let q = |kind: &str, title: Tri| QuestionInput {
            kind: kind.into(),
            title: tri(&title),
            required: true,
            ..Default::default()
        };
        let questions = vec![
            QuestionInput {
                options: tris(&[
                    ["Daily", "Dagelijks", "Tous les jours"],
                    ["Weekly", "Wekelijks", "Chaque semaine"],
                    ["Rarely", "Zelden", "Rarement"],
                ]),
                ..q(
                    "single",
                    [
                        "How often do you cross the square?",
                        "Hoe vaak kom je over het plein?",
                        "À quelle fréquence traversez-vous la place ?",
                    ],
                )
            },
            QuestionInput {
                min_label: tri(&["Unsafe", "Onveilig", "Pas sûre"]),
                max_label: tri(&["Safe", "Veilig", "Sûre"]),
                ..q(
                    "scale",
                    [
                        "How safe does it feel in the evening?",
                        "Hoe veilig voelt het 's avonds?",
                        "Vous y sentez-vous en sécurité le soir ?",
                    ],
                )
            },
            QuestionInput {
                kind: "page_break".into(),
                title: tri(&["Details", "Details", "Détails"]),
                ..Default::default()
            },
            QuestionInput {
                rows: tris(&[
                    ["Lighting", "Verlichting", "Éclairage"],
                    ["Cleanliness", "Netheid", "Propreté"],
                    ["Seating", "Zitplaatsen", "Assises"],
                ]),
                ..q("matrix", ["Rate these today", "Beoordeel deze vandaag", "Notez ces points aujourd’hui"])
            },
            QuestionInput {
                required: false,
                ..q(
                    "long_text",
                    ["What would you change first?", "Wat zou je eerst veranderen?", "Que changeriez-vous d’abord ?"],
                )
            },
        ];
        let mut ids = Vec::new();
        for input in questions {
            ids.push(self.add_survey_question(op, phase, input).await?.id);
        }
        let texts =
            ["More light near the bike racks.", "Benches in the shade, please.", "", "A fountain for the children."];
        for (k, resident) in residents.iter().enumerate().take(6) {
            let a = |id: i32| AnswerInput { question_id: id, ..Default::default() };
            let k32 = k as i32;
            let answers = vec![
                AnswerInput { choices: vec![k32 % 3], ..a(ids[0]) },
                AnswerInput { value: Some(1 + (k32 * 2) % 5), ..a(ids[1]) },
                AnswerInput { rows: vec![Some(1 + k32 % 5), Some(2 + k32 % 4), Some(1 + (k32 + 2) % 5)], ..a(ids[3]) },
                AnswerInput { text: Some(texts[k % texts.len()].to_owned()), ..a(ids[4]) },
            ];
            self.submit_survey_response(resident, phase, &answers).await?;
        }
        Ok(())
    }

    async fn demo_poll(&self, residents: &[Actor], position: i32) -> CoreResult<()> {
        let op = &Actor::Operator;
        let (_, phase) = self
            .demo_method_project(
                "market-day",
                &[
                    "Which day for the farmers' market?",
                    "Welke dag voor de boerenmarkt?",
                    "Quel jour pour le marché fermier ?",
                ],
                &[
                    "<p>One question, one minute.</p>",
                    "<p>Eén vraag, één minuut.</p>",
                    "<p>Une question, une minute.</p>",
                ],
                polls::POLL,
                position,
            )
            .await?;
        let question = polls::QuestionInput {
            title: tri(&[
                "Which day suits you best?",
                "Welke dag past je het best?",
                "Quel jour vous convient le mieux ?",
            ]),
            kind: "single".into(),
            options: tris(&[
                ["Saturday", "Zaterdag", "Samedi"],
                ["Sunday", "Zondag", "Dimanche"],
                ["Wednesday", "Woensdag", "Mercredi"],
            ]),
            ..Default::default()
        };
        let q = self.polls().add_question(op, phase, question).await?.id;
        let options: Vec<i32> = self.polls().get(op, phase).await?.questions[0].options.iter().map(|o| o.id).collect();
        for (k, resident) in residents.iter().enumerate().take(5) {
            self.polls().answer(resident, phase, &[(q, vec![options[k % 2]])]).await?;
        }
        Ok(())
    }

    async fn demo_volunteering(&self, residents: &[Actor], position: i32) -> CoreResult<()> {
        let op = &Actor::Operator;
        let (project, phase) = self
            .demo_method_project(
                "clean-up-saturday",
                &["Clean-up Saturday", "Opruimzaterdag", "Samedi propreté"],
                &[
                    "<p>Lend a hand for the parks and the river banks.</p>",
                    "<p>Help mee in de parken en langs de rivier.</p>",
                    "<p>Donnez un coup de main dans les parcs et sur les berges.</p>",
                ],
                crate::modules::volunteering::VOLUNTEERING,
                position,
            )
            .await?;
        let causes = [
            (
                ["Clear the river banks", "De rivieroevers opruimen", "Nettoyer les berges"],
                ["Gloves and bags provided.", "Handschoenen en zakken zijn er.", "Gants et sacs fournis."],
            ),
            (
                ["Plant bulbs in the park", "Bollen planten in het park", "Planter des bulbes au parc"],
                ["No experience needed.", "Geen ervaring nodig.", "Aucune expérience requise."],
            ),
        ];
        for (n, (title, description)) in causes.iter().enumerate() {
            let cause = self.volunteering().add_cause(op, phase, tri(title), tri(description)).await?.id;
            self.volunteering().set_cause_image(op, cause, pictures::landscape(n + 3)).await?;
            for resident in residents.iter().skip(n).step_by(2).take(3) {
                self.volunteering().sign_up(resident, cause).await?;
            }
        }
        let now = Utc::now();
        for (days, title, place) in [
            (4, ["Clean-up morning", "Opruimochtend", "Matinée propreté"], "Meeting point: the old bridge"),
            (11, ["Bulb planting", "Bollen planten", "Plantation de bulbes"], "North Park, main gate"),
        ] {
            let starts = (now + Duration::days(days)).date_naive().and_hms_opt(9, 0, 0).unwrap_or_default().and_utc();
            let input = EventInput {
                title: tri(&title),
                description: BTreeMap::new(),
                starts_at: Some(starts),
                ends_at: Some(starts + Duration::hours(3)),
                location: place.to_owned(),
                online_link: None,
                capacity: Some(30),
            };
            let event = self.create_event(op, project, input).await?.id;
            for resident in residents.iter().take(4) {
                self.register_for_event(resident, event).await?;
            }
        }
        Ok(())
    }
}
