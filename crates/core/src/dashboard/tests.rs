// SPDX-License-Identifier: AGPL-3.0-only
//! The dashboard over the demo town: totals equal the rows, series add up to the totals, and
//! only staff see it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Utc};
use townhall_license::Edition;

use crate::seed::Quiet;
use crate::testing::platform;
use crate::{Actor, CoreError};

#[tokio::test]
async fn the_demo_towns_activity_adds_up() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    p.seed_demo("demo password for the town", &Quiet).await.unwrap();
    let op = &Actor::Operator;
    let today = Utc::now().date_naive();
    let d = p.dashboard(op, None, today - Duration::days(59), today).await.unwrap();
    assert!(!d.weekly);
    let total = |id: &str| d.series.iter().find(|s| s.metric == id).unwrap().total;
    assert_eq!(total("registrations"), 8);
    assert_eq!(total("votes"), 6, "six submitted baskets");
    assert_eq!(total("survey_responses"), 6);
    assert_eq!(total("poll_responses"), 5);
    assert_eq!(total("volunteers"), 6);
    assert_eq!(total("event_registrations"), 8);
    assert!(total("ideas") > 10 && total("comments") > 0 && total("reactions") > 0);
    assert!(d.series.iter().all(|s| s.points.len() == 60 && s.points.iter().map(|p| p.count).sum::<i64>() == s.total));
    assert_eq!(d.participants, 8, "every demo resident took part");
    // Per day, each person counts once a day: at most everyone, at least once in all.
    let people = |points: &[super::Point]| points.iter().map(|p| p.count).sum::<i64>();
    assert_eq!(d.participants_series.len(), 60);
    assert!(d.participants_series.iter().all(|p| p.count <= 8) && people(&d.participants_series) >= 8);
    let one_day = p.dashboard(op, None, today, today).await.unwrap();
    assert_eq!(one_day.participants_series, vec![super::Point { date: today, count: one_day.participants }]);
    let budget = p.project_by_slug(op, "participatory-budget").await.unwrap().unwrap().id;
    let row = d.projects.iter().find(|a| a.project_id == budget).unwrap();
    assert!(row.counts.iter().any(|(m, n)| *m == "votes" && *n == 6), "{row:?}");
    assert!(!d.top_ideas.is_empty() && d.top_ideas.windows(2).all(|w| w[0].activity >= w[1].activity));

    // A long range is counted per week; a range before anything happened is empty.
    let long = p.dashboard(op, None, today - Duration::days(400), today).await.unwrap();
    assert!(long.weekly && long.series[0].points.len() <= 59);
    assert_eq!(long.series.iter().map(|s| s.total).sum::<i64>(), d.series.iter().map(|s| s.total).sum::<i64>());
    assert_eq!(long.participants_series.len(), long.series[0].points.len());
    let weekly_people = people(&long.participants_series);
    assert!(
        weekly_people >= 8 && weekly_people <= people(&d.participants_series),
        "distinct per week, not summed days"
    );
    let before = p.dashboard(op, None, today - Duration::days(900), today - Duration::days(800)).await.unwrap();
    assert_eq!(before.participants, 0);

    // A project's moderator sees that project only; residents see none.
    let parks = p.project_by_slug(op, "greener-parks").await.unwrap().unwrap().id;
    p.set_project_moderator(op, parks, "lea.martens@demo.example", true).await.unwrap();
    let (_, token) = p.sign_in("lea.martens@demo.example", "demo password for the town", "x").await.unwrap();
    let lea = p.actor_for_token(&token).await.unwrap().unwrap().0;
    let mine = p.dashboard(&lea, Some(parks), today - Duration::days(59), today).await.unwrap();
    assert!(mine.series.iter().all(|s| s.metric != "registrations"));
    assert!(mine.series.iter().find(|s| s.metric == "ideas").unwrap().total == 5);
    assert!(matches!(p.dashboard(&lea, None, today, today).await, Err(CoreError::Forbidden)));
    assert!(matches!(p.dashboard(&lea, Some(budget), today, today).await, Err(CoreError::Forbidden)));
    assert!(matches!(
        p.dashboard(op, None, today, today - Duration::days(1)).await,
        Err(CoreError::Field { code: "dashboard_range_invalid", .. })
    ));
}
