package io.cdclake.loader.generate;

/** Name parts of the period, to build names shaped like the passenger list's. */
final class TitanicNames {

    static final String[] SURNAMES = {
        "Andersson", "Sage", "Skoog", "Carter", "Goodwin", "Johnson", "Panula", "Rice", "Asplund",
                "Baclini",
        "Brown", "Fortune", "Harper", "Kelly", "Smith", "Williams", "Allison", "Hart", "Ford",
                "Palsson",
        "Lefebre", "Boulos", "Davies", "Elias", "Hickman", "Jussila", "Laroche", "Moran", "Newell",
                "Olsen",
        "Richards", "Taussig", "Thayer", "West", "Zabour", "Abbott", "Backstrom", "Becker",
                "Caldwell", "Collyer",
        "Dean", "Doling", "Frauenthal", "Gustafsson", "Hagland", "Hansen", "Harris", "Hocking",
                "Jacobsohn", "Keane",
        "Lindqvist", "McCoy", "Minahan", "Moubarek", "Nakid", "Nasser", "Nicola-Yarred", "O'Brien",
                "Peter", "Quick",
        "Renouf", "Ryerson", "Sandstrom", "Spedden", "Strom", "Turpin", "Vander Planke", "Wick",
                "Yasbeck", "Zimmerman",
        "Adams", "Bateman", "Beesley", "Bishop", "Connolly", "Duff Gordon", "Evans", "Flynn",
                "Gale", "Graham",
        "Hamalainen", "Hold", "Icard", "Jensen", "Karlsson", "Lam", "Lindblom", "Madill",
                "Mellinger", "Nilsson",
        "Nye", "Ostby", "Pears", "Reeves", "Rosblom", "Sedgwick", "Silvey", "Touma", "Ware",
                "Webber"
    };

    static final String[] MALE = {
        "John", "William", "George", "Charles", "James", "Thomas", "Henry", "Frederick", "Arthur",
                "Joseph",
        "Edward", "Albert", "Patrick", "Johan", "Karl", "Ernst", "August", "Harry", "Alfred",
                "Samuel",
        "Richard", "Walter", "Hans", "Nils", "Olaf", "Daniel", "Michael", "Leo", "Robert",
                "Francis",
        "Owen", "Lewis", "Hugh", "Benjamin", "Victor", "Jacques", "Emil", "Gustaf", "Anders",
                "Elias"
    };

    static final String[] FEMALE = {
        "Mary", "Anna", "Elizabeth", "Margaret", "Alice", "Ellen", "Helen", "Emily", "Florence",
                "Edith",
        "Ada", "Bertha", "Catherine", "Annie", "Maria", "Elin", "Hilda", "Ida", "Lily", "Marion",
        "Jane", "Kate", "Amy", "Ethel", "Laina", "Augusta", "Johanna", "Sigrid", "Hanna", "Nora",
        "Eleanor", "Grace", "Louise", "Dorothy", "Mabel", "Rosa", "Sarah", "Agnes", "Beatrice",
                "Charlotte"
    };

    static final String[] NICKNAMES = {
        "Jack", "Bessie", "Nellie", "Wennerstrom", "Hanna", "Molly", "Dolly", "Lulu"
    };

    private TitanicNames() {}
}
