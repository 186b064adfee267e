"""Invented names for the demo directory: contact persons, streets, Kitas.

Providers are in ``providers``.
"""

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

# The women among PEOPLE: offers only women staff (a women's shelter, midwives, a girls'
# group, a German course for women) draw their contacts from these.
WOMEN: frozenset[str] = frozenset({
    "Anna", "Birgit", "Katharina", "Julia", "Sabine", "Lena", "Ursula", "Miriam", "Hannah",
    "Andrea", "Claudia", "Ayşe", "Elif", "Zeynep", "Derya", "Fatima", "Leila", "Rania", "Hiba",
    "Olena", "Iryna", "Oksana", "Natalija", "Maryam", "Shirin", "Nasrin", "Agnieszka", "Ioana",
    "Rojda", "Selam", "Elena",
})
