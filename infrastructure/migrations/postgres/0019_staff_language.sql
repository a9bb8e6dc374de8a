-- The language an official chose for the console (its header's "English"/"Español" link while
-- signed in): `es` or `en`, NULL until they choose. The console opens in it at login, on any
-- browser, and the official's e-mails (assignment notice, daily digest) are written in it;
-- Spanish when NULL (docs/language.md).
ALTER TABLE staff_accounts ADD COLUMN language text;
