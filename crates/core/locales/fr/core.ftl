# SPDX-License-Identifier: AGPL-3.0-only

error-unknown_feature = Cette fonctionnalité n’existe pas.
error-license_required = Cela nécessite la licence { $edition }.
error-feature_disabled = Cette fonctionnalité est désactivée.
error-license_refused = La clé de licence a été refusée.
error-forbidden = Seuls les administrateurs peuvent faire cela.
error-invalid_input = Certaines valeurs ne sont pas valides.
error-internal = Une erreur s’est produite de notre côté. Veuillez réessayer.
feature-graphql_explorer = Explorateur GraphQL
error-time_zone_invalid = Saisissez un fuseau horaire comme Europe/Paris.
error-currency_invalid = Saisissez une devise en trois majuscules, comme EUR.
error-export_users_platform_only = Les utilisateurs s’exportent pour toute la plateforme, pas par projet.
error-export_confirm_personal = Confirmez que vous avez besoin des données personnelles de cet export.
error-export_no_personal_variant = Cet export n’a pas de variante avec données personnelles : il ne nomme personne (les votes sont pseudonymes). Exportez-le sans données personnelles.
error-export_kind_invalid = Choisissez quoi exporter.
error-dashboard_range_invalid = Choisissez une période de 1 jour à 3 ans, le début avant la fin.
error-storage_full = Le stockage du serveur est plein : le fichier n’a pas été enregistré et rien d’autre n’a changé. Merci de prévenir les organisateurs.
error-storage_failed = Le fichier n’a pas pu être enregistré et rien n’a changé. Veuillez réessayer.
error-export_format_invalid = Choisissez CSV, ou un format de fichier que votre édition propose.
error-export_write_failed = Le fichier d’export n’a pas pu être écrit. Veuillez réessayer.

## Le flux des modifications
error-first_out_of_range = Demandez de 1 à 100 éléments à la fois.
error-changes_pruned = Les modifications aussi anciennes ne sont plus conservées (90 jours). Relisez les listes, puis suivez les modifications à partir de maintenant.
