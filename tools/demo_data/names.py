"""Invented names for the demo directory: providers, contact persons, streets, Kitas.

Every provider name is made up for this project (landscape names of the district plus a
legal form); none is meant to be a real organisation. Phone numbers use the towns' real
area codes with the fictional block 000.
"""

AREA_CODES: dict[str, str] = {
    "Ascheberg": "02593", "Billerbeck": "02543", "Coesfeld": "02541", "Dülmen": "02594",
    "Havixbeck": "02507", "Lüdinghausen": "02591", "Nordkirchen": "02596", "Nottuln": "02502",
    "Olfen": "02595", "Rosendahl": "02547", "Senden": "02597",
}

# How many offers each town gets (the larger towns more).
OFFERS_PER_TOWN: dict[str, int] = {
    "Ascheberg": 25, "Billerbeck": 23, "Coesfeld": 45, "Dülmen": 48, "Havixbeck": 21,
    "Lüdinghausen": 38, "Nordkirchen": 20, "Nottuln": 27, "Olfen": 21, "Rosendahl": 21,
    "Senden": 36,
}

ORG_KINDS: tuple[str, ...] = ("family", "youth", "advice", "migration", "club")

# Town -> provider name per kind (family, youth, advice, migration, club).
ORGANIZATIONS: dict[str, tuple[str, str, str, str, str]] = {
    "Ascheberg": ("Familienwerk Davert e. V.", "Jugendwerk Emmerbach gGmbH",
                  "Beratungsnetz Davert e. V.", "Begegnung ohne Grenzen Ascheberg e. V.",
                  "Spiel- und Sportverein Emmerbach e. V."),
    "Billerbeck": ("Familienforum Berkelquelle e. V.", "Jugendhaus Baumberge gGmbH",
                   "Lebensberatung Berkelquelle e. V.", "Sprachbrücke Billerbeck e. V.",
                   "Kulturkreis Domstadt Billerbeck e. V."),
    "Coesfeld": ("Familienwerk Berkelaue e. V.", "Jugendhilfe Berkelland gGmbH",
                 "Beratungszentrum Berkelaue e. V.", "Netzwerk Berkelaue e. V.",
                 "Sport- und Spielgemeinschaft Coesfelder Berg e. V."),
    "Dülmen": ("Familienbund Wildpferdebahn e. V.", "Jugendhilfe Hohe Mark gGmbH",
               "Beratungsstelle Tiberbach e. V.", "Brückenbauer Dülmen e. V.",
               "Freizeit- und Kulturverein Merfelder Bruch e. V."),
    "Havixbeck": ("Familienwerk Baumberge e. V.", "Jugendtreff Sandsteinland gGmbH",
                  "Beratungsring Baumberge e. V.", "Willkommensnetz Havixbeck e. V.",
                  "Sportgemeinschaft Sandsteinland e. V."),
    "Lüdinghausen": ("Familienhaus Steverland e. V.", "Jugendhilfe Steverland gGmbH",
                     "Beratungsverbund Stever e. V.", "Treffpunkt Vielfalt Lüdinghausen e. V.",
                     "Sport und Spiel Burgenstadt e. V."),
    "Nordkirchen": ("Familienkreis Ichterloh e. V.", "Jugendwerk Schlosspark gGmbH",
                    "Beratung im Südkreis e. V.", "Miteinander Nordkirchen e. V.",
                    "Sportfreunde Ichterloh e. V."),
    "Nottuln": ("Familienwerk Stiftsdorf e. V.", "Jugendhilfe Steverquelle gGmbH",
                "Beratungsstelle Steverquelle e. V.", "Offene Türen Nottuln e. V.",
                "Kultur- und Sportring Longinus e. V."),
    "Olfen": ("Familiennetz Steveraue e. V.", "Jugendwerk Lippe-Stever gGmbH",
              "Beratungspunkt Olfen e. V.", "Gemeinsam in Olfen e. V.",
              "Sportverein Steveraue e. V."),
    "Rosendahl": ("Familienverbund Vechtequelle e. V.", "Jugendarbeit Dreiklang gGmbH",
                  "Beratungsdienst Rosendahl e. V.", "Nachbarschaft international Rosendahl e. V.",
                  "Turn- und Kulturgemeinschaft Dreiklang e. V."),
    "Senden": ("Familienwerk Kanalufer e. V.", "Jugendhilfe Venner Moor gGmbH",
               "Beratungsstelle Kanalufer e. V.", "Netzwerk Ankommen Senden e. V.",
               "Sport- und Kulturverein Stevertal e. V."),
}

# Fictional contact persons of German, Turkish, Arabic, Ukrainian, Persian and other origin.
PEOPLE: list[tuple[str, str]] = [
    ("Anna", "Schulte"), ("Markus", "Hüging"), ("Birgit", "Wessels"), ("Thomas", "Bröker"),
    ("Katharina", "Overbeck"), ("Stefan", "Terhorst"), ("Julia", "Niehues"),
    ("Martin", "Große-Kleimann"), ("Sabine", "Hölscher"), ("Lena", "Kemper"),
    ("Christoph", "Wiesmann"), ("Ursula", "Brockhoff"), ("Jan", "Schräder"),
    ("Miriam", "Lammers"), ("Felix", "Tenbrink"), ("Hannah", "Rottmann"),
    ("Andrea", "Heitkamp"), ("Tobias", "Eilers"), ("Claudia", "Vennemann"),
    ("Ayşe", "Yılmaz"), ("Mehmet", "Demir"), ("Elif", "Kaya"), ("Emre", "Şahin"),
    ("Zeynep", "Aydın"), ("Murat", "Öztürk"), ("Derya", "Çelik"), ("Serkan", "Doğan"),
    ("Fatima", "Al-Hassan"), ("Omar", "Haddad"), ("Leila", "Mansour"), ("Yousef", "Darwish"),
    ("Rania", "Khalil"), ("Samir", "Nasser"), ("Hiba", "Saleh"), ("Karim", "Aziz"),
    ("Olena", "Kovalenko"), ("Iryna", "Bondarenko"), ("Andrij", "Schewtschenko"),
    ("Oksana", "Melnyk"), ("Dmytro", "Tkachenko"), ("Natalija", "Hrytsenko"),
    ("Maryam", "Ahmadi"), ("Reza", "Karimi"), ("Shirin", "Hosseini"), ("Dariush", "Rahimi"),
    ("Nasrin", "Moradi"), ("Kian", "Jafari"),
    ("Agnieszka", "Nowak"), ("Piotr", "Wiśniewski"), ("Ioana", "Popescu"),
    ("Rojda", "Baran"), ("Selam", "Tesfaye"), ("Elena", "Smirnova"), ("Sergej", "Wagner"),
]

STREETS: tuple[str, ...] = (
    "Kirchstraße", "Marktstraße", "Bahnhofstraße", "Schulstraße", "Hauptstraße", "Lindenweg",
    "Am Markt", "Mühlenweg", "Dorfstraße", "Raiffeisenstraße", "Gartenstraße", "Poststraße",
    "Wiesenweg", "Am Bach", "Ringstraße", "Kolpingstraße", "Birkenallee", "Friedhofstraße",
    "Sandstraße", "Grabenstraße", "Münsterstraße", "Am Sportplatz", "Eichendorffstraße",
    "Overbergstraße", "Borkener Straße", "Weseler Straße", "Burgstraße", "Mittelstraße",
)

KITA_NAMES: tuple[str, ...] = (
    "Regenbogen", "Sonnenschein", "Pusteblume", "Löwenzahn", "Arche Noah", "Kunterbunt",
    "Spatzennest", "Sterntaler", "Marienkäfer", "Zwergenland", "Wirbelwind", "Baumhaus",
    "Sonnenblume", "Abenteuerland", "Kleine Strolche", "Rappelkiste", "Blumenwiese",
    "Schatzkiste", "Mäuseburg", "Wolkenschloss", "Farbklecks", "Kleiner Prinz", "Traumland",
    "Himmelszelt",
)
