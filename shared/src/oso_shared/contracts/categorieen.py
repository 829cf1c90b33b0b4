"""The optional categories of a VO-SWV dossier (portal → dossier ``categorieen``) and their Dutch labels.

One table for both sides: the dossier service offers them in ``GET /v1/dossierkeuzes`` and names them in the PDF,
the portal shows them on the "Optionele gegevens" page.
"""

CATEGORIE_LABELS = {
    "cat_ouderinzage": "Ouderinzage",
    "cat_overstapadvies": "Overstapadvies",
    "cat_verzuim": "Verzuim",
    "cat_eindtoetsbo": "Eindtoets basisonderwijs",
    "cat_toetsresultaten": "Toetsresultaten",
    "cat_handelingsplannen": "Handelingsplannen",
    "cat_cijferlijsten": "Cijferlijsten",
    "cat_vombo": "Resultaten VO/MBO",
    "cat_bijlagedocs": "Bijlagen (documenten)",
}
