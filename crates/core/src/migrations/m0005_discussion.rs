// SPDX-License-Identifier: AGPL-3.0-only
//! Comments, idea statuses with official feedback, follows, and what ideas need for the other
//! list orders and filters (trending score, area, topics, location).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn fk(
    from: &'static str,
    col: &'static str,
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(on_delete).to_owned()
}

fn index(name: &'static str, table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).to_owned();
    for col in cols {
        index.col(*col);
    }
    index
}

/// The default statuses: code, colour, and the title in each language we ship.
const STATUSES: [(&str, &str, &str); 5] = [
    ("proposed", "#52606d", r#"{"en":"Proposed","nl":"Voorgesteld","fr":"Proposée"}"#),
    ("under_consideration", "#8a5a00", r#"{"en":"Under consideration","nl":"In behandeling","fr":"À l'étude"}"#),
    ("accepted", "#1b6e3a", r#"{"en":"Accepted","nl":"Aanvaard","fr":"Acceptée"}"#),
    ("implemented", "#1d4f91", r#"{"en":"Implemented","nl":"Uitgevoerd","fr":"Réalisée"}"#),
    ("rejected", "#a3262a", r#"{"en":"Rejected","nl":"Afgewezen","fr":"Refusée"}"#),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Columns ideas gain (one per statement: SQLite alters one thing at a time).
        for column in [
            ColumnDef::new("trending_score").double().not_null().default(0.0).to_owned(),
            ColumnDef::new("area_id").integer().null().to_owned(),
            ColumnDef::new("location_lat").double().null().to_owned(),
            ColumnDef::new("location_lng").double().null().to_owned(),
            ColumnDef::new("location_address").text().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table("ideas").add_column(column).to_owned()).await?;
        }
        // Each list order has an index that serves it with the phase filter and the id tie-break.
        for (name, cols) in [
            ("ideas_by_id", &["phase_id", "id"][..]),
            ("ideas_by_reactions", &["phase_id", "reactions_up", "id"]),
            ("ideas_by_comments", &["phase_id", "comments_count", "id"]),
            ("ideas_by_trending", &["phase_id", "trending_score", "id"]),
            ("ideas_by_status", &["phase_id", "status"]),
            ("ideas_by_area", &["area_id"]),
        ] {
            manager.create_index(index(name, "ideas", cols)).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("idea_topics")
                    .if_not_exists()
                    .col(integer("idea_id"))
                    .col(integer("topic_id"))
                    .primary_key(Index::create().col("idea_id").col("topic_id"))
                    .foreign_key(&mut fk("idea_topics", "idea_id", "ideas", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("idea_topics", "topic_id", "topics", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idea_topics_topic").table("idea_topics").col("topic_id").to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("comments")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("idea_id"))
                    .col(integer_null("parent_id"))
                    .col(integer_null("author_id"))
                    .col(text("body"))
                    // `published`, `deleted` (by its author) or `removed` (by a moderator).
                    .col(string("state").default("published"))
                    .col(text_null("removal_reason"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("comments", "idea_id", "ideas", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("comments", "parent_id", "comments", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("comments", "author_id", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("comments_thread", &["idea_id", "parent_id", "id"][..]),
            ("comments_replies", &["parent_id"]),
            ("comments_author", &["author_id"]),
        ] {
            manager.create_index(index(name, "comments", cols)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("idea_statuses")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(text("title"))
                    .col(string("color"))
                    .col(integer("position"))
                    .to_owned(),
            )
            .await?;
        let mut seed =
            Query::insert().into_table("idea_statuses").columns(["code", "title", "color", "position"]).to_owned();
        for (position, (code, color, title)) in STATUSES.iter().enumerate() {
            seed.values_panic([(*code).into(), (*title).into(), (*color).into(), (position as i32).into()]);
        }
        manager.exec_stmt(seed).await?;

        manager
            .create_table(
                Table::create()
                    .table("official_feedback")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("idea_id"))
                    .col(integer_null("author_id"))
                    .col(text("body"))
                    // The status the idea moved to with this feedback, if it moved.
                    .col(string_null("status"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("official_feedback", "idea_id", "ideas", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("official_feedback", "author_id", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("official_feedback_idea").table("official_feedback").col("idea_id").to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("follows")
                    .if_not_exists()
                    .col(integer("user_id"))
                    // `idea` or `project`.
                    .col(string("target_type"))
                    .col(integer("target_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("user_id").col("target_type").col("target_id"))
                    .foreign_key(&mut fk("follows", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("follows_target").table("follows").col("target_type").col("target_id").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["follows", "official_feedback", "idea_statuses", "comments", "idea_topics"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        for index in [
            "ideas_by_id",
            "ideas_by_reactions",
            "ideas_by_comments",
            "ideas_by_trending",
            "ideas_by_status",
            "ideas_by_area",
        ] {
            manager.drop_index(Index::drop().name(index).table("ideas").to_owned()).await?;
        }
        for column in ["location_address", "location_lng", "location_lat", "area_id", "trending_score"] {
            manager.alter_table(Table::alter().table("ideas").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
