# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-identity_verification = Vérification d’identité
verification-title = Vérifier votre identité
verification-lead = Certaines actions sont ouvertes aux habitants dont l’identité est vérifiée. Vous la vérifiez une fois ; elle reste liée à votre compte.
verification-method-census = Avec le registre de la population
verification-method-census-hint = Saisissez votre numéro d’identification et votre date de naissance tels que la commune les connaît.
verification-method-oidc = Avec { $provider }
verification-method-oidc-hint = Vous vous connectez chez { $provider }, qui nous dit qui vous êtes. Nous n’en gardons qu’une empreinte, pour qu’une personne ne vérifie qu’un compte, ainsi que les réponses qu’il donne aux questions d’inscription.
verification-oidc-start = Vérifier avec { $provider }
verification-failed-title = La vérification n’a pas abouti
verification-field-identifier = Numéro d’identification
verification-field-date_of_birth = Date de naissance
verification-submit = Vérifier
verification-done = Votre identité a été vérifiée le { $date }.
verification-continue = Continuer
verification-privacy = Votre numéro n’est pas conservé : seule une empreinte l’est, pour qu’une personne ne vérifie qu’un compte.
verification-admin-lead = Les habitants vérifient leur identité avec le registre : un numéro d’identification et une date de naissance par personne. La liste n’est conservée que sous forme d’empreintes à clé ; les numéros eux-mêmes ne le sont jamais.
verification-census-size = Personnes au registre
verification-verified-accounts = Comptes vérifiés
verification-census-updated = Liste remplacée le
verification-never = jamais
verification-census-replace = Remplacer le registre
verification-census-hint = Un fichier CSV avec le numéro d’identification et la date de naissance (AAAA-MM-JJ ou JJ/MM/AAAA) d’une personne par ligne, séparés par une virgule, un point-virgule ou une tabulation ; une ligne d’en-tête est admise. Jusqu’à 30 Mo. Les comptes déjà vérifiés le restent.
verification-census-file = Fichier du registre
verification-census-upload = Envoyer et remplacer
verification-census-stored = { $count ->
    [one] La liste compte désormais une personne.
   *[other] La liste compte désormais { $count } personnes.
}
verification-census-repeated = { $count ->
    [one] Une ligne répétait une personne déjà citée.
   *[other] { $count } lignes répétaient des personnes déjà citées.
}
verification-census-bad-lines = { $count ->
    [one] Une ligne n’est pas un numéro avec une date de naissance : ligne
   *[other] { $count } lignes ne sont pas un numéro avec une date de naissance : lignes
}
verification-census-unchanged = Rien n’a été modifié. Corrigez le fichier et envoyez-le à nouveau.
error-identifier_required = Saisissez votre numéro d’identification.
error-date_of_birth_invalid = Saisissez votre date de naissance.
error-identity_not_found = Ce numéro et cette date de naissance ne figurent pas au registre. Vérifiez-les ou contactez la commune.
error-identity_taken = Cette identité a déjà vérifié un autre compte.
error-verification_method_unknown = Cette méthode de vérification n’existe pas.
error-census_empty = Choisissez un fichier avec au moins une personne.
error-census_unreadable = Le fichier n’a pas pu être lu. Réessayez.
error-census_not_utf8 = Enregistrez le fichier en texte UTF-8 (CSV) et réessayez.
