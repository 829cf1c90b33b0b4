"""Wire models shared by both sides of every service-to-service hop (docs/contracts.md), one module per hop.

- :mod:`.route`: registry ``POST /v1/uitwisselcontroles`` and the aanleverpunt look-ups (dossier, gateway → registry);
- :mod:`.aflevering`: dossier → gateway ``POST /v1/afleveringen`` (``meta`` part and the intake answer);
- :mod:`.gebeurtenissen`: gateway → dossier status events and bundles;
- :mod:`.notificatie`: gateway → SWV receiver notification, fetch and terugkoppeling JSON;
- :mod:`.categorieen`: the optional categories of a dossier and their labels (portal and dossier).

The sender builds these models (no hand-built dicts) and the receiver validates with the same ones, so a shape
changes in one place. Constraints are the receiving side's; class names are those the serving side publishes in
its OpenAPI document (``...In``/``...Out`` where it used them), so no published schema name changes.
"""

DIENST_SWV = "OSO-SWV"
