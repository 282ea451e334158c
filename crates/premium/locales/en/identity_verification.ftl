# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-identity_verification = Identity verification
verification-title = Verify your identity
verification-lead = Some actions are open to residents whose identity is verified. Verify once; it stays with your account.
verification-method-census = With the census list
verification-method-census-hint = Enter your identification number and your date of birth as the municipality knows them.
verification-method-oidc = With { $provider }
verification-method-oidc-hint = You sign in at { $provider }, which tells us who you are. We keep only a fingerprint of that, to make sure that one person verifies one account, and the answers it gives to the registration questions.
verification-oidc-start = Verify with { $provider }
verification-failed-title = Verification did not work
verification-field-identifier = Identification number
verification-field-date_of_birth = Date of birth
verification-submit = Verify
verification-done = Your identity was verified on { $date }.
verification-continue = Continue
verification-privacy = Your number is not stored: only a fingerprint of it, to make sure that one person verifies one account.
verification-admin-lead = Residents verify their identity against the census list: an identification number and a date of birth per person. The list is kept only as keyed fingerprints; the numbers themselves are never stored.
verification-census-size = People on the census list
verification-verified-accounts = Verified accounts
verification-census-updated = List replaced on
verification-never = never
verification-census-replace = Replace the census list
verification-census-hint = A CSV file with the identification number and the date of birth (YYYY-MM-DD or DD/MM/YYYY) of one person per line, separated by a comma, a semicolon or a tab; a header line is allowed. Up to 30 MB. Accounts verified before stay verified.
verification-census-file = Census file
verification-census-upload = Upload and replace
verification-census-stored = { $count ->
    [one] The list now holds one person.
   *[other] The list now holds { $count } people.
}
verification-census-repeated = { $count ->
    [one] One line repeated a person named above.
   *[other] { $count } lines repeated people named above.
}
verification-census-bad-lines = { $count ->
    [one] One line is not a number and a date of birth: line
   *[other] { $count } lines are not a number and a date of birth: lines
}
verification-census-unchanged = Nothing was changed. Correct the file and upload it again.
error-identifier_required = Enter your identification number.
error-date_of_birth_invalid = Enter your date of birth.
error-identity_not_found = This number and date of birth are not on the census list. Check them, or contact the municipality.
error-identity_taken = This identity already verified another account.
error-verification_method_unknown = This verification method does not exist.
error-census_empty = Choose a file with at least one person.
error-census_unreadable = The file could not be read. Try again.
error-census_not_utf8 = Save the file as UTF-8 text (CSV) and try again.
