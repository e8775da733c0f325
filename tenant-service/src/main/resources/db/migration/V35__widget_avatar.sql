-- The widget's avatar (docs/widget.md, "Appearance"): an https image URL shown in the widget's header; null for none.
-- The API checks it fully (an absolute https URL without credentials); this keeps any other scheme out of the table.
ALTER TABLE tenants
    ADD COLUMN widget_avatar_url text CHECK (char_length(widget_avatar_url) <= 500 AND widget_avatar_url ~ '^https://');
