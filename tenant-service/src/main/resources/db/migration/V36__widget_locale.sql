-- The widget's language (docs/widget.md, "Appearance"): en or pt-BR, used unless the page sets data-locale; null means
-- the visitor's browser's language.
ALTER TABLE tenants
    ADD COLUMN widget_locale text CHECK (widget_locale IN ('en', 'pt-BR'));
