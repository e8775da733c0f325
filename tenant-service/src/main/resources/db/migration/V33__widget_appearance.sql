-- The web chat widget's appearance (docs/widget.md, "Appearance"): null columns mean the widget's own defaults.
-- Published in the tenant's configuration with the other widget settings.
ALTER TABLE tenants
    ADD COLUMN widget_title text CHECK (char_length(widget_title) <= 60),
    ADD COLUMN widget_primary_color text CHECK (widget_primary_color ~ '^#[0-9A-Fa-f]{6}$'),
    ADD COLUMN widget_welcome_message text CHECK (char_length(widget_welcome_message) <= 500),
    ADD COLUMN widget_launcher_position text NOT NULL DEFAULT 'right' CHECK (widget_launcher_position IN ('left', 'right'));
