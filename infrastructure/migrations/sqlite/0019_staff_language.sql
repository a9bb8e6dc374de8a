-- The language of an official (`es` or `en`): the one they read the login page in at their first
-- login, then the one they choose with the console's "English"/"Español" link while signed in;
-- NULL before their first login. The console opens in it at login, on any browser, and the
-- official's e-mails (assignment notice, daily digest) are written in it; Spanish when NULL
-- (docs/language.md).
ALTER TABLE staff_accounts ADD COLUMN language text;
