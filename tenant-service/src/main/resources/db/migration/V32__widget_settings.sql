-- The tenant's web chat widget (docs/widget.md): the origins whose pages may use it (space-separated exact origins,
-- empty: the widget is off) and whether anonymous visitors may chat. Published in the tenant's configuration.
ALTER TABLE tenants
    ADD COLUMN widget_allowed_origins text NOT NULL DEFAULT '',
    ADD COLUMN widget_anonymous_visitors boolean NOT NULL DEFAULT true;
