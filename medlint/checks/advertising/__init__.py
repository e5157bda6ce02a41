"""A5xx: advertising and disclosure (HONcode principles 7-8; JAMA benchmark 'disclosure';
FTC endorsement and native-advertising guidance).

A501 promotional-content.  ``wordlists`` reads rules/advertising.yaml (and drug names from
the drugs pack), ``disclosure`` finds a sponsorship or advertising disclosure,
``calls_to_action`` the sales phrases and ``brands`` the commercial brands and domains and
their mentions.
"""
