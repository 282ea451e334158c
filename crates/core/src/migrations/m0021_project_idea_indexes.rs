// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas get the indexes of a project's list in every order (GraphQL `ideas(projectId:)`, the
//! project's results and exports), as a phase's list already had. Without them a project's
//! list read every idea of the platform: 27 ms a page with 200,000 ideas.
use sea_orm_migration::prelude::*;

const INDEXES: [(&str, &[&str]); 4] = [
    ("ideas_in_project_by_id", &["project_id", "id"]),
    ("ideas_in_project_by_trending", &["project_id", "trending_score", "id"]),
    ("ideas_in_project_by_reactions", &["project_id", "reactions_up", "id"]),
    ("ideas_in_project_by_comments", &["project_id", "comments_count", "id"]),
];

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, columns) in INDEXES {
            let mut index = Index::create().name(name).table("ideas").if_not_exists().to_owned();
            for column in columns {
                index.col(*column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            manager.drop_index(Index::drop().name(name).table("ideas").to_owned()).await?;
        }
        Ok(())
    }
}
