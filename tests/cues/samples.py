"""Short Indonesian snippets for the cue tests, written for these tests (not taken from any data set)."""

HEDGE = "Penyanyi itu dikabarkan sudah menikah. Konon, pestanya digelar diam-diam."
HEDGE_DASH = "Ia disebut-sebut calon kuat, bahkan disebut sebut akan menang."
HEDGE_RUMOUR = "Beredar kabar harga BBM naik pekan depan."
QUOTE_TAG = '"Saya tidak tahu," katanya.'

RELAYED = "Dilansir dari Daily Star, Senin (3/2), tentara itu membelot."
RELAYED_DOMAIN = "Seperti dikutip dari detik.com, acara itu batal."
RELAYED_WIRE = "Reuters melaporkan kapal itu tenggelam."
RELAYED_CREDIT = "Sumber: Merdeka"

ANONYMOUS = "Menurut seorang sumber, rapat itu ricuh."
ANONYMOUS_REFUSE = "Hal itu diungkap pejabat yang tidak disebutkan namanya."
ANONYMOUS_INSIDER = "Orang dalam partai menyebut ada perpecahan."

SOCIAL = "Video itu viral di media sosial sejak Minggu."
SOCIAL_ACCOUNT = "Ia menulis lewat akun @budi.santoso98 pada malam hari."
SOCIAL_POST = "Dalam unggahan Instagram pribadinya, ia pamit."
SOCIAL_CHAIN = "Pesan berantai itu diakhiri ajakan tolong sebarkan."

UNVERIFIED = "Surat itu belum diverifikasi oleh pihak mana pun."
UNVERIFIED_AUTH = "Keaslian dokumen itu masih diragukan."
UNVERIFIED_IND = "Klaim itu tidak dapat dikonfirmasi secara independen."

NAMED_POLICE = "Pelaku sudah ditangkap, kata Kapolres Jakarta Selatan AKBP Budi Santoso."
NAMED_MINISTER = '"Anggaran cukup," ujar Menteri Keuangan Sri Mulyani.'
NAMED_INSTITUTION = "Kementerian Pertahanan Ukraina mengatakan serangan berlanjut."
NAMED_DATA = "Menurut data BPS, inflasi Januari turun."
NAMED_PRONOUN = '"Kami siap bertanding," kata dia.'
NAMED_PRONOUN2 = '"Semua aman," ujarnya.'
NAMED_SENTENCE_START = "Polisi mengatakan pelaku kabur ke hutan."
NAMED_PRESS = "Hal itu disampaikan dalam konferensi pers di Jakarta."

DEBUNK = ("Beredar kabar di WhatsApp bahwa sekolah diliburkan sebulan. "
          "Kabar itu tidak benar, kata Kepala Dinas Pendidikan Kota Bogor Hendra Wijaya.")
DEBUNK_ARTICLE = ("Cek fakta: video banjir di bandara itu hoaks. Video itu dikabarkan direkam pekan lalu. "
                  "Padahal video itu rekaman lama dari negara lain. Jangan mudah percaya pesan berantai.")
LEGAL = ("Dua pria diduga mencuri sepeda motor di Depok. "
         "Keduanya sudah ditangkap, kata Kapolsek Beji Kompol Andi Wibowo.")
NOT_LEGAL = "Pejabat itu diduga menerima uang, menurut kabar yang beredar."

TITLE_CLICKBAIT = "Heboh! Ternyata Begini Cara Artis Itu Kurus"
TITLE_LISTICLE = "Ini 7 Fakta Menarik Pulau Komodo"
TITLE_QUESTION = "Benarkah Harga Cabai Akan Naik Lagi?"
TITLE_PLAIN = "KPK Periksa Pejabat DPR Soal Kasus Ini"
TITLE_SHOUT = "WASPADA PENIPUAN Berkedok Hadiah Undian"
TITLE_INI_INSIDE = "Presiden Resmikan Bendungan Ini di Jawa Tengah"
