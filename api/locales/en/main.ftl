# English texts of the JSON API, for clients that send `Accept-Language: en`.
#
# Every key here is also in ../es-CO/main.ftl (a test fails otherwise), with the same
# variables. Where the text repeats an English message of the domain or of a handler, it must
# stay word for word the same: that is how a text already written out is recognised and
# translated (docs/language.md). Keep each message on one line.

## Problem titles and details (api/src/error.rs)

problem-validation-title = The request has invalid fields
problem-validation-detail = See `errors` for each invalid field.
problem-malformed-title = The request cannot be read
problem-unauthorized-title = Authentication required
problem-forbidden-title = Not allowed for this role
problem-not-found-title = Not found
problem-not-found-detail = There is nothing here, or the access code does not match.
problem-rule-title = A legal or business rule refuses this request
problem-conflict-title = Conflict
problem-unavailable-title = The service is temporarily unavailable
problem-unavailable-detail = The store cannot be reached. Nothing was changed; retry later (with the same Idempotency-Key when filing).
problem-store-fault-title = The data store needs attention
store-fault-detail = { $detail }
problem-too-many-failures-title = Too many failed access-code attempts
problem-too-many-failures-detail = Too many attempts were made from this address with a radicado or an access code that do not match. Wait { $seconds } seconds before trying again.
problem-internal-title = Internal error
problem-internal-detail = An unexpected error occurred; it was logged with this response's x-request-id.

## Answers of the router and the middleware (bare 404, 405, 408, 413, 500)

bare-not-found-title = Not Found
bare-not-found-detail = No route matches this path.
bare-method-not-allowed-title = Method Not Allowed
bare-method-not-allowed-detail = This method is not allowed on this path.
bare-timeout-title = Request Timeout
bare-timeout-detail = The request took too long and was abandoned; retry it.
bare-too-large-title = Payload Too Large
bare-too-large-detail = The request body is too large.
bare-internal-title = Internal Server Error
bare-error-title = { $reason }
bare-error-detail = The request failed.
page-not-found-title = We could not find this page
page-not-found-text = The address does not match any page. Check it, or go to the home page to file or follow a request.
page-timeout-title = The page took too long
page-timeout-text = We could not answer in time. Try again in a moment; if you were sending a form, look up your request first to see whether it was recorded.
page-error-title = The page could not be shown
page-error-text = Something went wrong with this request. Try again, or go to the home page.

## Reading the request (api/src/extract.rs)

body-not-json = The body is not valid JSON: { $reason }
body-json-parse = Failed to parse the request body as JSON: { $reason }
body-json-deserialize = Failed to deserialize the JSON body into the target type: { $reason }
body-query-deserialize = Failed to deserialize query string: { $reason }
body-not-json-content-type = Send the body as JSON with `Content-Type: application/json`.
body-larger-than = The request body is larger than { $limit } bytes.
body-unfinished = The request body could not be read to its end.
body-contains-nul = must not contain the NUL character (U+0000)
serde-missing-field = missing field `{ $field }`
serde-unknown-field = unknown field `{ $field }`, expected one of { $expected }
serde-unknown-variant = unknown variant `{ $value }`, expected one of { $expected }
serde-invalid-type = invalid type: { $found }, expected { $expected }
serde-invalid-value = invalid value: { $found }, expected { $expected }

## Authentication and roles (api/src/auth.rs, the handlers)

auth-needs-token = This endpoint needs `Authorization: Bearer <token>`.
auth-use-bearer = Use `Authorization: Bearer <token>`.
auth-token-not-valid = The token is not valid (unknown or revoked).
auth-role-may-not = The role `{ $role }` may not do this; it needs `{ $needed }`.
auth-only-petitioner = only the petitioner may do this, with the access code
auth-reporter-reads-aggregates = The role `reporter` works with aggregate figures (reports and the event log without personal data) and may not read individual cases.
auth-reassign-needs-supervisor = reassigning a case to another dependency needs a supervisor
auth-channel-needs-agent = only agents and up may file through channel `{ $channel }`

## Fields of a request (the handlers)

field-required = is required
field-required-date = is required (YYYY-MM-DD)
field-unknown = unknown field
field-must-be-string = must be a string
field-must-be-object = must be a JSON object
field-must-be-object-or-null = must be an object or null
field-must-be-boolean = must be true or false
field-consent-required = must be true when petitioner data is given (Ley 1581 de 2012 art. 9)
field-electronic-notification-needs-email = needs petitioner.email to notify by e-mail (CPACA art. 56)
field-not-in-future = must not be in the future
field-rfc3339 = must be an RFC 3339 instant with offset, e.g. 2026-11-23T09:00:00-05:00
field-incomplete = is incomplete
field-idempotency-key = must be 1 to 255 visible ASCII characters (a UUID is a good key)
field-at-least-one = must be 1 or more
field-zero-or-more = must be 0 or more
field-between = must be between { $min } and { $max }
field-zero-or-position = must be 0 or a position
field-log-position = must be a log position (0 or more)
field-hex-64 = must be 64 hex digits
field-position-and-hash = give both `position` and `hash` of a digest, or neither
field-ledger-head = must be between 0 and the ledger head ({ $head })
field-sort = must be due_date, -due_date, received_at or -received_at
field-term-unit = must be business, calendar or months
field-kind-or-term = give exactly one of `kind` and `term`
field-due-out-of-range = the due date is outside the supported calendar range
field-outcome = must be granted, denied, partially_granted, informative or forwarded
field-date = must be a date YYYY-MM-DD
field-not-a-date = `{ $value }` is not a date (YYYY-MM-DD)
field-export-format = must be jsonl or csv
field-not-before-from = must not be before `from`
field-out-of-range = is out of range
field-date-outside-calendar = the date { $date } is outside the supported calendar ({ $first } to { $last })
field-to-after-from = must be equal to or later than `from`
idempotency-key-reused = this key was already used with a different request; use a new key for a new filing

## The domain: a PQR (domain/src/pqr/error.rs)

pqr-already-filed = radicado { $radicado } is already filed
pqr-not-filed = no PQR is filed under this radicado
pqr-consent-required = Ley 1581 de 2012 art. 9: consent_personal_data must be true when petitioner data is given
pqr-closed = the case is closed ({ $status })
pqr-before-filing = the command is dated { $at }, before the filing received at { $received_at }
pqr-nothing-to-classify = a classification must give a kind, a topic or a dependency
pqr-kind-fixed-by-positive-silence = art. 14 num. 1: the information request was already deemed accepted (positive silence); its kind cannot change
pqr-already-assigned = the case is already assigned to this official in this dependency
pqr-tier-not-higher = escalation must go to a higher support tier: the case is at tier { $current }, asked tier { $requested }
pqr-suspended = art. 17: the term is suspended awaiting the petitioner's completion
pqr-not-suspended = art. 17: the case is not awaiting completion
pqr-completion-already-requested = art. 17: completion was already requested once for this case
pqr-already-priority = art. 20: the case is already flagged as priority
pqr-documents-delivered-required = art. 14 num. 1: an answer to an information request must say whether the documents were delivered
pqr-documents-delivered-not-applicable = documents_delivered applies only to information requests (art. 14 num. 1), not to { $kind }
pqr-not-answered = the service can only be rated after the case is answered
pqr-already-rated = the service was already rated
pqr-positive-silence-already-recorded = art. 14 num. 1: positive silence was already recorded
pqr-positive-silence-not-due = art. 14 num. 1: no positive silence before the due date { $due } has passed
pqr-no-closure-to-count = art. 62 Ley 4 de 1913: no closure day inside the running term is left to count

## The domain: rules of the clock (domain/src/clock_rules)

rule-completion-request-late = art. 17: completion requested on { $requested_on }, after the 10 business days following filing (last day { $last_day })
rule-completion-request-after-due = art. 17: completion requested on { $requested_on }, after the due date { $due }
rule-supply-before-request = art. 17: supply on { $supplied_on } precedes the completion request of { $requested_on }
rule-supply-after-window = art. 17: supply on { $supplied_on } after the completion window closed on { $closed_on }; the petition is withdrawn (desistimiento tácito)
rule-completion-window-already-extended = art. 17: the completion window was already extended once
rule-completion-window-extension-late = art. 17: extension of the completion window asked on { $asked_on }, after it closed on { $closed_on }
rule-completion-window-extension-too-long = art. 17: completion window extended to { $granted_until }, beyond one more month (at most { $at_most })
rule-completion-window-extension-not-later = art. 17: completion window extension to { $granted_until } does not extend the window closing on { $closed_on }
rule-completion-window-open = art. 17: tacit withdrawal decreed on { $decided_on } while the completion window is open until { $closes_on }
rule-tacit-withdrawal-unreasoned = art. 17: tacit withdrawal needs a reasoned decision (acto administrativo motivado)
rule-extension-after-due = art. 14 parágrafo: extension after the due date (notified { $notified_on }, due { $due })
rule-extension-exceeds-double = art. 14 parágrafo: extension to { $new_due } exceeds the double of the term (at most { $at_most })
rule-extension-not-later = art. 14 parágrafo: new due date { $new_due } is not after the due date { $due }
rule-extension-not-business-day = art. 14 parágrafo: new due date { $new_due } is not a business day
rule-extension-unreasoned = art. 14 parágrafo: an extension must state the reasons for the delay
rule-already-extended = art. 14 parágrafo: the term was already extended once
rule-not-an-information-request = art. 14 num. 1: positive silence applies only to information requests, not to { $kind }
rule-withdrawal-before-filing = art. 18: withdrawal on { $withdrawn_on } precedes the filing on { $received_on }
backdating-too-far-back = the receipt date { $received_on } is more than { $max_days } business days before the filing date (the earliest accepted is { $earliest }; limit `max_backdating_days`, docs/legal.md)

## The domain: values (domain/src)

calendar-out-of-range = { $date } is outside the supported calendar range 1984-01-01 to 2199-12-31
closure-in-the-past = a closure day must be today or later ({ $date } is in the past)
closure-already-non-business = { $date } is already a non-business day
text-empty = must not be empty
text-too-long = must be at most { $max } characters
text-control-characters = must not contain control characters
contact-unknown-channel = must be one of web, email, phone, in_person, mail
contact-unknown-id-type = must be one of CC, CE, TI, RC, PA, NIT, PEP, PPT
contact-bad-id-number = must be 3 to 20 letters or digits
contact-bad-email = must be an e-mail address such as nombre@dominio.co
contact-bad-phone = must be a phone number of 7 to 15 digits (spaces, dashes, parentheses and a leading + allowed)
contact-bad-length = must be between 1 and { $max } characters
contact-none = at least one contact for the reply is required: email, phone or address
contact-id-type-and-number-apart = id_type and id_number go together
value-out-of-range = { $what } must be between { $min } and { $max }, got { $got }
kind-unknown = unknown kind `{ $kind }`; expected one of petition, information_request, consultation, complaint, claim, report, suggestion, commendation
radicado-malformed = a radicado has the form YYYY-NNNNNN (year, dash, at least six digits)
radicado-year-out-of-range = the year of a radicado must be between 1984 and 2199
radicado-zero = radicado numbers start at 1
access-code-malformed = an access code is 20 characters of 0-9 and A-Z

## The infrastructure (infrastructure/src, projections/src)

idempotency-key-malformed = Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)
command-conflict = the case changed concurrently; retry
clock-not-settable = the clock is only settable with --dev-clock
clock-out-of-range = the date { $date } (Bogotá time) is outside the supported calendar, from { $first } to { $last }
report-unknown = unknown report `{ $name }`: known reports are access-to-information, pqr-follow-up, dashboard
report-unknown-format = unknown format `{ $name }`: use json, csv, csv-es, xlsx or html
report-invalid-period = invalid period: { $reason }
report-from-after-to = `from` ({ $from }) is after `to` ({ $to })
report-dates-between = dates must be between { $first } and { $last }
report-period-past-9999 = the period runs past 9999
report-position-not-in-log = position { $position } is not in the log (its head is { $head })

## mail (issue 15): withdrawing the consent to e-mail
pqr-no-email-to-stop = the petitioner gave no e-mail address: there is no e-mail to stop
pqr-notification-consent-already-withdrawn = the consent to e-mail notification was already withdrawn

## privacy (issue 16): the data-protection officer's requests

privacy-refused-open = the case is still being handled: while the entity must attend to it its data cannot be suppressed (Ley 1581 de 2012 art. 8 lit. e and art. 15; Decreto 1377 de 2013 art. 9), unless a competent authority orders it
privacy-refused-retention = the file is within its retention period until { $until } (Ley 594 de 2000 art. 24; Ley 1581 de 2012 art. 15; Decreto 1377 de 2013 art. 9): its data cannot be suppressed before, unless a competent authority orders it
privacy-already-suppressed = the personal data of this case was already suppressed at { $at }
privacy-not-encrypted = this case was filed before personal data was encrypted: its data is in clear in the hash-chained log and cannot be suppressed without breaking it (docs/privacy.md)
privacy-no-key = no key-encryption key of personal data is configured (data_key_file)

## retention (issue 16): the retention schedule, its report and access over the API
privacy-refused-retention-schedule = the file is within its retention period until { $until } ({ $basis }; Ley 1581 de 2012 art. 15; Decreto 1377 de 2013 art. 9): its data cannot be suppressed before, unless a competent authority orders it
privacy-access-one-identifier = give exactly one of id_number and email

# portal pages (issue 13): the preferred reply channel of a filing
field-reply-channel-unknown = must be one of email, phone, mail, in_person
field-reply-channel-anonymous = an anonymous filing cannot choose a reply channel
field-reply-channel-missing-contact = needs petitioner.{ $field } to reply that way

## rights (issue 16): rectification of contact data and the privacy officer's pages
pqr-anonymous-case = Ley 1581 de 2012 art. 8 lit. a: the case is anonymous; there is no contact data to rectify
pqr-contact-unchanged = the { $field } in force is already that value; nothing to rectify
privacy-rectify-unknown-field = the field must be email, phone or address
privacy-rectify-suppressed = the personal data of this case was suppressed at { $at }: there is no data to rectify

## The pqrs command line (api/src/cli): Spanish unless --lang en or PQRS_LANG=en
cli-lang-unknown = `{ $value }` is not a language of pqrs: use --lang es (Spanish, the default) or --lang en (English)
cli-runtime-failed = cannot start the runtime: { $reason }
cli-store-open-failed = cannot open the store { $store }: { $reason }
cli-store-sqlite-file = the SQLite file { $path }
cli-key-created-beside = created the key-encryption key of personal data in { $file } (only its owner can read it). Keep a copy off this machine: without it the personal data cannot be read (docs/privacy.md).
cli-key-missing-warning = WARNING: there is no key-encryption key of personal data (data_key_file or PQRS_DATA_KEY_FILE): personal data is stored unencrypted.
cli-migrated = migrated { $store }
cli-deadline-received-format = --received must be RFC 3339 with offset, e.g. 2026-11-23T09:00:00-05:00
cli-deadline-kind = kind:                  { $kind } ({ $name })
cli-deadline-received = received at:           { $received }
cli-deadline-effective = effective receipt (E): { $effective }
cli-deadline-term = term:                  { $days } { $unit } ({ $policy })
cli-deadline-due = due date:              { $due } (until 23:59:59 Bogotá)
cli-deadline-calendar = calendar version:      { $version }
cli-unit-business = business days
cli-unit-calendar = calendar days
cli-unit-months = months
cli-jobs-examined = examined { $count } open cases
cli-jobs-alert = { $radicado }  alert { $kind }
cli-jobs-webhooks-delivered = delivered { $count } webhook calls
cli-jobs-mail-sent = e-mail: { $sent } accepted by the SMTP server, { $retrying } to be tried again later, { $failed } failed for good (alerted)
cli-jobs-mail-waiting = { $count } e-mail messages still to send; the oldest was queued at { $since } (Bogotá time)
cli-jobs-mail-off = e-mail to petitioners is off (PQRS_SMTP_URL not set)
cli-name-length = --name must have between 1 and 200 characters
cli-usage-unknown-argument = there is no option `{ $arg }`
cli-usage-unknown-command = there is no command `{ $command }`
cli-usage-missing = { $args } is missing
cli-usage-missing-command = the command is missing
cli-usage-value-needed = { $arg } needs a value
cli-usage-invalid-value = `{ $value }` is not a valid value for { $arg }
cli-usage-not-a-number = write a whole number, with digits only
cli-usage-number-too-large = the number is too large
cli-usage-number-out-of-range = the number is outside the range allowed
cli-usage-not-a-date = write a date that exists, as YYYY-MM-DD
cli-usage-repeated = { $arg } was given more than once
cli-usage-conflict = { $arg } cannot be used with { $other }
cli-usage-other = the command line is not valid near { $arg }
cli-usage-possible = Possible values: { $values }
cli-usage-did-you-mean = Did you mean "{ $suggestion }"?
cli-usage-line = Usage: { $usage }
cli-usage-more = For more information, use --help.
cli-role-unknown = there is no role `{ $role }`: use agent, supervisor, auditor, reporter or admin
cli-user-language-unknown = there is no language `{ $language }`: use es or en
cli-token-created = Token for { $name } (role { $role }) created with id { $id } in { $store }; it is shown only this once.
cli-token-columns = id name role created_by created_at last_used_at revoked
cli-token-count = { $count } tokens in { $store }.
cli-token-not-found = there is no active token with id { $id } in { $store }
cli-token-revoked = Token { $id } revoked in { $store }.
cli-projection-unknown = unknown projection `{ $name }`; known: { $known }
cli-projection-progress = events
cli-projection-rebuilt = rebuilt { $name }: { $count } events in { $secs } s ({ $rate } events/s)
cli-audit-progress = verifying
cli-audit-events-verified = events verified: { $count }
cli-audit-last-position = last position:   { $position } { $hash }
cli-audit-ledger-head = ledger head:     { $position } { $hash }
cli-audit-digest = digest:          { $position } { $hash }
cli-audit-signature = signature:       { $whose }
cli-audit-signed-by-entity = the entity's key
cli-audit-not-signed-by-entity = NOT the entity's key
cli-audit-intact = OK: the chain is intact
cli-audit-failed-at = FAILED at position { $position } ({ $kind }): { $reason }
cli-audit-read-digest-failed = cannot read the digest { $file }: { $reason }
cli-audit-not-a-digest = { $file } is not a pqrs head digest: { $reason }
cli-write-failed = cannot write { $file }: { $reason }
cli-audit-keygen-done = signing key written to { $file }; the line above is its public key: publish it so anyone can check digests
cli-audit-no-signing-key = no signing key: give --key FILE, PQRS_AUDIT_SIGNING_KEY or audit_signing_key in the config file (create one with `pqrs audit keygen --out FILE`)
cli-audit-refuse-to-sign = refusing to sign: the log fails verification at position { $position } ({ $kind }): { $reason }
cli-audit-signed-head = signed head: position { $position }, hash { $hash }
cli-audit-no-entity-key = warning: the entity's key is not configured (--key, --public-key, PQRS_AUDIT_SIGNING_KEY, PQRS_AUDIT_PUBLIC_KEY or the config file): only the digest's consistency with its own key { $key } was checked; compare it with the public key the entity published
cli-audit-verify-failed = verification failed at position { $position }: { $reason }
cli-audit-year-range = --year must be between 1984 and 2199
cli-audit-year = year:            { $year }
cli-audit-counter = counter:         { $number }
cli-audit-filed = filed:           { $count }
cli-audit-voided = of which voided: { $count }
cli-audit-gap = gap:             { $from } to { $to }
cli-audit-duplicate = duplicate:       { $radicado } filed { $count } times
cli-audit-beyond-counter = beyond counter:  { $radicado }
cli-audit-void-no-filing = void, no filing: { $radicado }
cli-audit-complete = COMPLETE: every number is accounted for
cli-audit-incomplete = INCOMPLETE
cli-audit-radicados-incomplete = radicados of { $year } are not complete
cli-audit-export-write-failed = cannot write the export: { $reason }
cli-audit-exported = exported { $count } events ({ $bytes } bytes, sha256 { $sha256 }) to { $file }; digest in { $digest }
cli-report-unknown = unknown report `{ $name }`: known reports are access-to-information, pqr-follow-up, dashboard
cli-report-progress = reading the log
cli-report-written = { $report } { $format } to { $file }: position { $position }, sha256 { $sha256 }
cli-serve-listen-failed = cannot listen on { $bind }: { $reason }
cli-serve-listening = pqrs listening on http://{ $addr } — API docs at http://{ $addr }/docs — store { $store }
cli-serve-dev-clock = { " — " }dev clock ON
cli-calendar-in-force = calendar in force from { $from } to { $to }
cli-calendar-version = calendar version: { $version }
cli-calendar-closure = closure
cli-holidays-title = National holidays of Colombia, { $year }
cli-calendar-closures = Closure days of the entity (calendar { $version })
cli-keys-init-done = key-encryption key of personal data created in { $file } (id { $id }). Keep a copy off this machine: without it the personal data cannot be read.
cli-keys-no-key = this store has no key-encryption key of personal data: nothing to rotate
cli-keys-rotated = { $count } case keys encrypted again under the key { $id }; set data_key_file to the new file and keep the old one until this is checked.
cli-user-created = Account created for { $name } <{ $email }>, role { $role }, id { $id }, in { $store }.
cli-user-one-time-password = One-time password (above; shown only this once): { $password }
cli-user-first-login = Sign in at { $url } with the e-mail and that password; a new password is asked for at the first sign-in.
cli-user-password-reset = New one-time password for { $email } in { $store } (above; shown only this once). Its sessions were closed. Sign in at { $url }; a new password is asked for.
cli-user-columns = id email name role dependency created_by created_at disabled_at language
cli-user-count = { $count } accounts in { $store }.
cli-user-not-found = there is no account with the e-mail { $email } in { $store }
cli-user-disabled = Account { $email } disabled (its sessions were closed) in { $store }.
cli-user-enabled = Account { $email } enabled in { $store }.
cli-privacy-rectify-refused = rectification refused (it is recorded): { $reason }
cli-privacy-rectified = field { $field } of case { $radicado } rectified; the former value stays encrypted in its event
cli-privacy-holder-missing = give --id-number or --email
cli-privacy-bad-radicado = not a valid radicado `{ $radicado }`: { $reason }
cli-privacy-basis-length = --basis must have 1 to 1000 characters
cli-privacy-suppressed = personal data of case { $radicado } suppressed (event at position { $position }). So that no copies remain in the database's files, follow docs/privacy.md (checkpoint and VACUUM).
cli-privacy-bad-date = { $flag } must be a date YYYY-MM-DD, not `{ $value }`
cli-privacy-dates-reversed = --to ({ $to }) cannot be before --from ({ $from })
cli-case-not-found = there is no case with that radicado
cli-mail-off = e-mail is off: set PQRS_SMTP_URL and PQRS_SMTP_FROM (or smtp_url and smtp_from in the configuration file); docs/notifications.md
mail-test-subject = pqrs test message: { $entity }
mail-test-body = This is a test message, sent by the administrator of pqrs (from the console or with "pqrs mail test") to check the e-mail settings of { $entity }. If you received it, the mail server, its encryption and its password work, and petitioners will receive the notices of their requests. There is no need to reply.
cli-mail-test-sent = the SMTP server { $server } accepted the test message: { $reply }
mail-test-refused = the SMTP server did not take the test message: { $reason }

## Configuration (api/src/config, api/src/notify.rs, infrastructure/src/outbox/deliver/settings.rs): what stops the start
config-read = cannot read config file { $path }: { $reason }
config-parse = invalid config file { $path }: { $message }
config-toml-at = line { $line }, column { $column } (`{ $text }`): { $reason }
config-toml-unknown-key = there is no key `{ $key }`; the keys are { $keys }
config-toml-quote = write the text between quotes, as in key = "value"
config-toml-duplicate = this key was already given above in the file
config-toml-unclosed-text = the text is not closed with its quote
config-toml-no-value = the key has no value: write = and the value after it
config-toml-unclosed-table = the table's name is not closed with ]
config-toml-list-comma = the items of a list are separated by commas
config-toml-after-value = only a comment (# …) may follow the value on its line
config-toml-no-key = the line has no key before =
config-toml-whole-number = a whole number goes here, without quotes, as in key = 60
config-toml-text = a text between quotes goes here, as in key = "value"
config-toml-list = a list between brackets goes here, as in key = ["a", "b"]
config-toml-negative = the number may not be negative
config-toml-too-large = the number is too large
config-invalid = invalid setting `{ $key }`: { $message }
config-not-whole = { $env }=`{ $text }` is not a whole number
config-not-business-days = `{ $value }` is not a whole number of business days
config-too-many-business-days = { $days } is more than 3650 business days
config-bind = `{ $value }` is not an address such as 127.0.0.1:8080
config-whole-1-10000 = must be a whole number between 1 and 10000
config-cors-origin = `{ $origin }` is not an origin: write scheme and domain, without a path, e.g. https://www.entidad.gov.co
config-color = `{ $color }` is not a #rrggbb colour
config-color-contrast = white text on `{ $color }` has a contrast of { $ratio }:1; at least 4.5:1 is needed (WCAG 2.1, 1.4.3)
config-privacy-url = must start with https://, http:// or /
config-logo-type = must be a .png, .svg, .jpg or .webp file
config-portal-url = `{ $url }` must start with https:// or http://
config-smtp-from-missing = e-mail is on (smtp_url) but the sender is missing: PQRS_SMTP_FROM or smtp_from, e.g. "Entidad <pqrs@entidad.gov.co>"
config-mail-off = `{ $name }` is not a message; use { $list }
config-ca-unreadable = cannot read `{ $path }`: { $reason }
config-ca-no-certificate = `{ $path }` holds no PEM certificate ({ $marker })
config-smtp-url = PQRS_SMTP_URL `{ $url }` is not usable: { $message }
config-ca-without-tls = smtp_ca_file is set but PQRS_SMTP_URL `{ $url }` does not use TLS: use smtps://… or smtp://…?tls=required
config-mailbox = `{ $key }` is not a mailbox such as `Entidad <pqrs@entidad.gov.co>`: { $message }
config-io-not-found = the file does not exist
config-io-denied = permission to read it is denied
config-io-folder = it is a folder, not a file
mail-send-answered = the server answered { $code }: { $reply }
mail-send-timeout = the server did not answer in time
mail-send-tls = the secure connection (TLS) could not be set up: { $detail }
mail-send-nothing-listening = nothing is listening at that address and port: is the server running?
store-counter-behind = The radicado counter of the year { $year } (radicado_counters.last_number = { $last }) is behind the radicados already issued: the next number, { $next }, already exists, and the highest issued is { $highest }. Nothing is filed, so that no number is repeated, until an operator corrects the counter (last_number = { $highest_number } or more).
store-damaged-filing = The data store is damaged ({ $reason }). Nothing is filed until an operator repairs it or restores it from a backup.
store-damaged = The data store is damaged ({ $reason }). Nothing is recorded until an operator repairs it or restores it from a backup.
holiday-basis-moved = Ley 51 de 1983 art. 1 num. 2 (CST art. 177): moved to the following Monday
holiday-basis-movable = Ley 51 de 1983 art. 1 num. 1-2 (CST art. 177): movable feast moved to the following Monday
holiday-basis-rosario = Ley 2578 de 2026: 9 July, moved to the following Monday
infra-account-bad-email = the e-mail `{ $email }` is not a valid address
infra-account-bad-name = the name must have 1 to 200 characters
infra-account-email-taken = an account with the e-mail { $email } already exists
infra-account-not-found = there is no account { $id }
infra-wrong-kek = the personal data master key ({ $given }) is not this store's (its keys are encrypted with { $expected }). Give the right file in data_key_file or PQRS_DATA_KEY_FILE; with another key the personal data cannot be read
infra-key-missing = this store keeps the personal data encrypted and its master key was not given: set data_key_file or PQRS_DATA_KEY_FILE
infra-sealed-unopenable = the encrypted data cannot be opened: wrong key, or data altered or moved
infra-sealed-malformed = the encrypted envelope is malformed
store-lock = cannot lock { $file }, the file on which the processes that open this store take turns to prepare it: { $reason }
store-folder-not-database = { $file } is a folder, not a SQLite database file
store-open-read-write = cannot open { $file } to read and write: { $reason }
store-read = cannot read { $file }: { $reason }
store-not-sqlite = { $file } is not a SQLite database (it does not start with the header "SQLite format 3"); check the path in database_url
store-create-not-folder = cannot create { $file }: { $folder } is not a folder
store-create-no-folder = cannot create { $file }: the folder { $folder } does not exist or cannot be read
store-create-cannot-write = cannot create { $file } in the folder { $folder }: { $reason }
store-open = cannot open { $file }: { $reason }
store-postgres-refused = PostgreSQL refused the connection at { $at }: is the server running and listening at that address?
store-postgres-cannot-connect = cannot connect to PostgreSQL at { $at }: { $reason }
store-postgres-refused-because = PostgreSQL at { $at } refused the connection: { $reason }
store-damaged = { $file } is not a SQLite database or is damaged: { $reason }
store-unsupported-url = unsupported database URL `{ $url }`: use postgres://… or sqlite://…
io-write-no-folder = the folder does not exist
io-write-denied = permission to write there is denied
io-exists = the file already exists
io-full = the disk is full
digest-read = cannot read the key file { $path }: { $reason }
digest-write = cannot write the key file { $path }: { $reason }
digest-bad-key = key file { $path } must hold the 32-byte Ed25519 secret key as 64 hex digits
digest-malformed = not a pqrs head digest: { $reason }
digest-format = format `{ $format }` is not `{ $expected }`
digest-public-key-hex = public_key is not 32 bytes of hex
digest-signature-hex = signature is not 64 bytes of hex
digest-not-ed25519 = public_key is not an Ed25519 key
digest-bad-signature = the digest's signature does not verify with its public key: it was altered or forged
crypto-key-file = cannot use the personal data master key { $path }: { $why }
crypto-key-hex = it must hold 64 hexadecimal digits (32 bytes)
cli-listen-in-use = another program is already listening there
cli-listen-denied = permission denied: a port under 1024 needs privileges
cli-listen-not-here = this machine has no such address
config-smtp-url-not-a-url = it is not a URL such as smtp://server:port
config-smtp-url-no-server = it names no server
config-smtp-url-port = the port must be a number from 1 to 65535
config-smtp-url-server-name = the server's name holds characters a domain name cannot have
config-smtp-url-ip = the server's IP address is not valid
config-smtp-url-scheme = it must start with smtp:// or smtps://
config-smtp-url-tls = tls= must be required or opportunistic (or use smtps://)
config-mailbox-parts = the address lacks the part before or after the @
config-mailbox-brackets = an angle bracket < or > is not closed
config-mailbox-user = the part before the @ is not valid
config-mailbox-domain = the part after the @ is not a valid domain
config-mailbox-input = it holds characters an address cannot have
config-audit-public-key = the audit public key `{ $key }` is not an Ed25519 key of 64 hexadecimal digits

## E-mails to the petitioner (api/src/notify.rs): each message in the petitioner's language.
## Spanish is the official text; an English e-mail carries it after the translation.

mail-greeting = Dear Sir or Madam,
mail-legal = Legal basis: { $legal }.
mail-closing = Yours faithfully,
mail-automatic = This message was sent automatically; its identifier is { $id }.
mail-follow-at = You can follow your request with your filing number and your access code at:
mail-follow-portal = You can follow your request with your filing number and your access code on the entity's portal, under "Follow your request".
mail-portal-link = Follow your request on the { $entity } portal
mail-contact-address = Address: { $value }
mail-contact-phone = Phone: { $value }
mail-contact-email = E-mail: { $value }
mail-contact-hours = Opening hours: { $value }
mail-translation-note = This text is a translation for your convenience. The official text is the one that follows, in Spanish, the official language of Colombia (Constitución Política, art. 10).
mail-official-heading = Official text in Spanish
mail-fact-radicado = Filing number
mail-fact-kind = Type
mail-fact-subject = Subject
mail-fact-due = Deadline for the answer
mail-ack-subject = Filing number { $radicado }: we received your { $kind }
mail-ack-title = We received your { $kind }
mail-ack-received = The entity received your { $kind } on { $when } and gave it the filing number (radicado) { $radicado }.
mail-ack-due = The entity must answer you by { $date }.
mail-ack-no-code = For your security, this e-mail does not include the access code you received when you filed.
mail-completion-subject = Filing number { $radicado }: we need you to complete your request
mail-completion-title = We need you to complete your request
mail-completion-before = To decide on your { $kind } with filing number { $radicado }, the entity needs you to provide the following:
mail-completion-window = You have until { $date } to provide it. Meanwhile the term to answer you is suspended; it runs again from the day after the entity receives what it asked for.
mail-completion-withdrawal = If you do not provide it within that time, you will be taken to have withdrawn your request, unless before it ends you ask for an extension, which can be of up to one more month.
mail-completion-fact = Time to complete
mail-extension-subject = Filing number { $radicado }: we extended the term to answer
mail-extension-title = We extended the term to answer your request
mail-extension-before = The entity cannot answer your { $kind } with filing number { $radicado } within the initial term, which ended on { $date }. These are the reasons:
mail-extension-after = The new deadline for the answer is { $date }.
mail-extension-fact = New deadline for the answer
mail-forwarded-subject = Filing number { $radicado }: we forwarded your request to { $authority }
mail-forwarded-title = We forwarded your request to the competent authority
mail-forwarded-before = The entity is not competent to decide on your { $kind } with filing number { $radicado }. On { $date } it forwarded your request to: { $authority }. These are the reasons:
mail-forwarded-after = From now on { $authority } must answer you; its term to do so runs from the day after it receives your request.
mail-forwarded-fact = Competent authority
mail-answer-subject = Filing number { $radicado }: answer to your { $kind }
mail-answer-title = Answer to your { $kind }
mail-answer-before = The entity answered your { $kind } with filing number { $radicado } on { $date }. This is the answer:
mail-answer-fact = Outcome of the answer
mail-cpaca-56 = You accepted to be notified by e-mail (Ley 1437 de 2011, art. 56). The notification takes effect on the date and at the time you access this message.
mail-withdrawal-subject = Filing number { $radicado }: decision of tacit withdrawal
mail-withdrawal-title = Decision of tacit withdrawal
mail-withdrawal-before = The time to complete your { $kind } with filing number { $radicado } ended on { $closed } and the entity did not receive what it asked for. Therefore, on { $decided } the entity declared the tacit withdrawal of your request and closed it:
mail-withdrawal-appeal = Only an appeal for reconsideration (recurso de reposición) can be brought against this decision. You may file your request again with everything it requires.
mail-silence-subject = Filing number { $radicado }: your request for information is taken as granted
mail-silence-title = Your request for information is taken as granted
mail-silence-before = The entity did not answer your { $kind } with filing number { $radicado } by { $due }. Therefore, from { $from } your request is taken as granted (positive administrative silence).
mail-silence-after = The entity must give you the copies by { $date }.
mail-silence-fact = Copies to be given by

## E-mails to staff (api/src/notify/staff_mail.rs): in the language the official chose in the
## console, Spanish until they choose.

mail-staff-assignment-subject = Filing number { $radicado }: a case was assigned to you
mail-staff-assignment-title = A case was assigned to you
mail-staff-assignment-before = The case with filing number { $radicado } ({ $kind }) in { $dependency } was assigned to you. It must be answered by { $date }.
mail-staff-no-petitioner-data = For security, this e-mail does not include the petitioner's data or the content of the request: see them in the console.
mail-staff-digest-subject = { $dependency }: { $overdue } and { $soon } due soon ({ $date })
mail-staff-digest-one-overdue = 1 overdue case
mail-staff-digest-overdue-count = { $count } overdue cases
mail-staff-digest-title = Overdue and due-soon cases of { $dependency }
mail-staff-digest-before = These are the open cases of { $dependency } that are overdue or due within the next { $days } business days, as of { $date }.
mail-staff-digest-after = Answering after the term is a disciplinary offence (Ley 1755 de 2015, art. 31).
mail-staff-digest-overdue = Overdue: { $radicado }
mail-staff-digest-due-soon = Due soon: { $radicado }
mail-staff-digest-overdue-case = { $kind }, was due on { $date }
mail-staff-digest-due-soon-case = { $kind }, due on { $date }
mail-staff-follow-at = See the details in the staff console:
mail-staff-follow-console = See the details in the staff console (/funcionarios).
mail-staff-console-link = Open in the staff console
