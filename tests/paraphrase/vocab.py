"""Vocabulary of the generated documents: names, assets, revenue sources, carve-outs, triggers, states.

All wording is ours. Values may themselves be templates (see grammar.py): ``{obj}`` in a carve-out item
becomes the document's obligor in object form.
"""

from __future__ import annotations

# --- obligors -------------------------------------------------------------------------------------------
# (role name, article): the defined term the parties line gives the obligor.
INSTITUTIONAL_ROLES = [
    ("Borrower", ""), ("Borrower", "the "), ("Maker", ""), ("Mortgagor", ""), ("Trustor", ""),
    ("Pledgor", ""), ("Company", "the "), ("Developer", ""), ("Obligor", "the "), ("Grantor", ""),
]
MUNICIPAL_ROLES = [
    ("Issuer", "the "), ("City", "the "), ("Town", "the "), ("District", "the "), ("Authority", "the "),
    ("Agency", "the "), ("County", "the "), ("Developer", ""), ("Company", "the "),
]
# legal names; the second item is a short name a parties line may define instead of a role
PARTY_NAMES = [
    ("CEDAR GLEN HOLDINGS LLC, a Texas limited liability company", "Cedar Glen"),
    ("HARBOR POINT APARTMENTS, L.P., a Maryland limited partnership", "Harbor Point"),
    ("NORTHFIELD TOOL WORKS, INC., a Michigan corporation", "Northfield"),
    ("BLUE HERON VENTURES LLC, a Delaware limited liability company", "Blue Heron"),
    ("MESA VERDANT PARTNERS, LLC, an Arizona limited liability company", "Mesa Verdant"),
    ("QUARRY ROAD STORAGE, LLC, an Ohio limited liability company", "Quarry Road"),
    ("LINDQUIST FARMS, INC., a Minnesota corporation", "Lindquist"),
    ("OSPREY LANDING HOTEL CORP., a Florida corporation", "Osprey Landing"),
    ("TALLOW CREEK ENERGY LLC, a Colorado limited liability company", "Tallow Creek"),
    ("PENROSE MEDICAL OFFICE TRUST, a Virginia business trust", "Penrose"),
]
MUNICIPAL_NAMES = [
    "THE CITY OF ALDER FALLS, a home-rule municipality",
    "RIVERBEND REDEVELOPMENT DISTRICT, a special district",
    "NORTH COVE PUBLIC FACILITIES AUTHORITY, a public body corporate and politic",
    "THE TOWN OF GRAYSON MILLS, a municipal corporation",
    "SILVER LAKE TAX INCREMENT FINANCING DISTRICT",
    "ELM COUNTY INDUSTRIAL DEVELOPMENT AGENCY, a public benefit corporation",
    "PORT HALVARD HARBOR AUTHORITY, a political subdivision",
    "WESTMARK COMMUNITY DEVELOPMENT DISTRICT, a local unit of special-purpose government",
]
SECOND_SIGNERS = ["DANA R. WHITFIELD, an individual", "MARCUS OYELARAN, an individual",
                  "PRIYA CHANDRAN, an individual", "THEODORE A. BRISCOE, an individual",
                  "SUNRISE PARENT HOLDINGS, INC., a Delaware corporation"]

# --- lenders --------------------------------------------------------------------------------------------
LENDER_ROLES = [("Lender", ""), ("Holder", ""), ("Payee", ""), ("Bank", "the "), ("Noteholder", ""),
                ("Beneficiary", ""), ("Mortgagee", ""), ("Secured Party", ""), ("Purchaser", "the ")]
LENDER_NAMES = [
    "GRANITE SHOALS BANK, N.A., a national banking association",
    "TRIDENT MORTGAGE CAPITAL LLC, a Delaware limited liability company",
    "PRAIRIE HOME SAVINGS, a federal savings bank",
    "COASTLINE CREDIT PARTNERS, L.P., a Delaware limited partnership",
    "FIRST CANAL TRUST COMPANY, a New York trust company",
    "ORCHARD VALLEY FARM CREDIT, FLCA",
    "WILLOW BEND INSURANCE COMPANY, an Iowa insurance company",
    "EDITH MARROW, as trustee of the Marrow Family Trust",
]
CONDUIT_ISSUERS = [("Issuer", "the "), ("Authority", "the "), ("Agency", "the "), ("Corporation", "the "),
                   ("Finance Authority", "the "), ("Development Board", "the ")]

# --- what recourse may be confined to ------------------------------------------------------------------
ASSETS = ["the Property", "the Mortgaged Property", "the Trust Property", "the Collateral", "the Premises",
          "the Project", "the Pledged Units", "the Aircraft", "the Vessel", "the Pledged Shares",
          "the Equipment", "the Land", "the Hotel"]
REVENUES = ["the Pledged Receipts", "the Tax Increment Revenues", "the Pledged Revenues",
            "the Net Project Revenues", "the Special Assessments", "the System Revenues", "the Toll Revenues",
            "the Dedicated Sales Tax Receipts", "the Available Incremental Taxes", "the Parking Revenues"]
CONDUIT_PAYMENTS = ["the Loan Payments", "the payments made by {obj} under this Agreement",
                    "the Revenues derived from this Agreement", "amounts paid by {obj} under the Note"]
HOMES = ["the home", "the homestead", "the Property", "the house", "the property described in the Security "
         "Instrument", "the dwelling"]
VEHICLES = ["the vehicle", "the car", "the truck", "the motor vehicle", "the boat", "the motorcycle"]
GOODS = ["the pledged item", "the pawned item", "the Pledged Property", "the jewelry described above",
         "the merchandise listed on this ticket", "the tool set described above", "the pledged watch",
         "the guitar described above"]
# singular, so "{debt} is" agrees whichever is drawn
DEBT = ["the Debt", "the Loan", "the indebtedness evidenced by this Note", "the Secured Indebtedness",
        "the unpaid balance of this Note", "the Secured Debt", "the loan evidenced by this Note"]
STATES = ["New York", "Texas", "California", "Delaware", "Ohio", "Illinois", "Florida", "Arizona", "Georgia",
          "Washington", "Colorado", "Minnesota", "North Carolina", "Virginia", "Oregon", "Nevada"]
AMOUNTS = ["$250,000.00", "$1,200,000.00", "$3,875,000.00", "$18,400,000.00", "$640,500.00", "$9,750,000.00",
           "$42,000,000.00", "$96,000.00"]
CONSUMER_AMOUNTS = ["$4,800.00", "$12,650.00", "$27,300.00", "$185,000.00", "$312,400.00", "$650.00"]
DATES = ["March 3, 2025", "June 30, 2024", "November 14, 2023", "January 9, 2026", "August 21, 2025",
         "October 1, 2024"]

# --- carve-outs, triggers and caps ----------------------------------------------------------------------
CARVE_ITEMS = [
    "fraud or intentional misrepresentation by {obj} or any of its agents",
    "the misapplication of rents, security deposits, insurance proceeds or condemnation awards",
    "physical waste of {asset}",
    "any breach of the environmental indemnity delivered with this Note",
    "the removal of fixtures or equipment from {asset} in breach of the loan documents",
    "the failure to pay real estate taxes or assessments on {asset} when due",
    "criminal acts of {obj} that result in a forfeiture of {asset}",
    "rents collected after an event of default and not applied to the operation of {asset}",
    "any security deposit not turned over to {lend_obj} after a foreclosure",
    "the failure to maintain the insurance required by the mortgage",
]
CARVE_LEADS = ["losses arising from", "any loss, cost or damage {lend} suffers because of",
               "damages resulting from", "all liabilities incurred by {lend_obj} as a result of",
               "the amount of any loss caused by", "claims arising out of"]
TRIGGERS = [
    "{subj} files a voluntary petition under the Bankruptcy Code",
    "{asset} or any interest in it is transferred without the prior written consent of {lend_obj}",
    "{subj} consents to or joins in an involuntary bankruptcy proceeding against it",
    "{subj} grants a second lien on {asset} without the consent of {lend_obj}",
    "{subj} makes an assignment for the benefit of its creditors",
    "a controlling interest in {obj} changes hands in breach of the loan documents",
]
CAPS = ["twenty-five percent (25%) of the original principal amount of this Note",
        "$2,500,000", "the sum of $750,000", "ten percent (10%) of the outstanding principal balance",
        "an aggregate of $1,000,000", "one-third of the principal amount advanced",
        "fifteen percent (15%) of the Loan amount", "$400,000 in the aggregate"]

# --- cross-references announcing exceptions whose text the document does not contain -------------------
# Section numbers start at 11 so they never name a section of the (at most 9-section) generated document.
XREFS = [
    "Section 11.2", "Section 12(b)", "Section 14.3 of the Loan Agreement", "Article XV",
    "paragraph 13(c)", "Section 11(d) below", "clauses (b) and (c) below", "subsection (b) of this Section",
    "Exhibit D", "Section 16.1 hereof", "Paragraph 19", "Schedule 2",
]
