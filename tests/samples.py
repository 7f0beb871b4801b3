"""Hand-written test fixtures (short Indonesian articles written for these tests).

Sections are appended by different parts of the project; keep each under its
own comment header.
"""

# --- raw scraped articles (article reader)
# Written for these tests, imitating the page furniture of scraped news pages
# (labels, breadcrumbs, date lines, "Baca juga" links, tag lists, credits).
# The events and people are invented.

RAW_VIDEO_BREADCRUMB = (
    "News Video\n"
    "Home Internasional\n"
    "NEWS VIDEO Nelayan Aceh Selamatkan Dua Penyu Terjerat Jaring di Pantai Lhoknga\n"
    "Senin, 04 Jul 2022 10:15 WIB\n"
    "BANDA ACEH - Dua nelayan di Lhoknga menyelamatkan dua ekor penyu yang terjerat jaring.\n"
    "Menurut Kepala Desa Lamkruet, Teuku Rahmat, kedua penyu dilepas lagi ke laut pada pagi hari.\n"
    "Baca juga: Ribuan Tukik Dilepas di Pantai Selatan Jawa untuk Jaga Populasi\n"
    "Petugas konservasi mengatakan jaring bekas menjadi ancaman utama bagi penyu di perairan itu.\n"
    "Editor: Rina Maulida\n"
)
RAW_VIDEO_BREADCRUMB_TITLE = "Nelayan Aceh Selamatkan Dua Penyu Terjerat Jaring di Pantai Lhoknga"

RAW_CAPTION_TAGS = (
    "Petani Garut Panen Raya Cabai, Harga di Pasar Induk Mulai Turun\n"
    "\n"
    "- 3 Juli 2022, 12:36 WIB\n"
    "Seorang petani memetik cabai merah di lahan miliknya di Kecamatan Cikajang.*\n"
    "Seorang petani memetik cabai merah di lahan miliknya di Kecamatan Cikajang.* /Twitter /@tani_garut\n"
    "\n"
    "KABAR GARUT - Petani di Kecamatan Cikajang memulai panen raya cabai merah pekan ini.\n"
    "\n"
    "Dinas Pertanian Garut mencatat hasil panen naik dibanding tahun lalu.\n"
    "\n"
    "Baca Juga: Harga Bawang Merah Melonjak Jelang Idul Adha di Bandung\n"
    "\n"
    "Kepala dinas, Asep Suryana, mengatakan pasokan ke pasar induk kini lebih lancar.\n"
    "\n"
    "BACA JUGA: Gudang Pupuk Subsidi di Tasikmalaya Diperiksa Polisi\n"
    "\n"
    "Pedagang di Pasar Induk Caringin menyebut harga cabai turun sekitar sepuluh persen.\n"
    "\n"
    "Editor: Dadang Hermawan\n"
    "\n"
    "Sumber: Antara\n"
    "\n"
    "\n"
    "Tags\n"
    "\n"
    "Artikel Pilihan\n"
    "\n"
    "Terkait\n"
    "\n"
    "Terkini\n"
    "\n"
    "Terpopuler\n"
    "\n"
    "Kabar Daerah\n"
)
RAW_CAPTION_TAGS_TITLE = "Petani Garut Panen Raya Cabai, Harga di Pasar Induk Mulai Turun"

RAW_RELATED_COPYRIGHT = (
    "Home > News > Daerah\n"
    "Jembatan Gantung di Lebak Putus, Puluhan Siswa Terpaksa Menyeberang Sungai\n"
    "Kamis, 7 Juli 2022 | 08:05 WIB\n"
    "Penulis: Yusuf Hidayat\n"
    "Reporter: Lina Marlina\n"
    "Jembatan gantung yang putus di Desa Cisimeut. (Foto: Dok. Warga)\n"
    "Lebak - Jembatan gantung penghubung dua desa di Lebak putus setelah hujan deras, kata Camat Leuwidamar. "
    "ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT Camat itu menambahkan perbaikan dijadwalkan pekan depan.\n"
    "Baca juga:Banjir Rendam Ratusan Rumah di Pandeglang Warga berharap perbaikan dapat selesai sebelum tahun ajaran baru.\n"
    "ADVERTISEMENT\n"
    "Foto: Siswa menyeberangi sungai dengan berpegangan pada tali.\n"
    "Berita Terkait\n"
    "Warga Lebak Gotong Royong Bangun Jembatan Bambu\n"
    "Sungai Ciujung Meluap, Akses Jalan Desa Terputus\n"
    "\n"
    "Tag: jembatan, lebak, banten\n"
    "© 2022 Kabar Banten. All rights reserved.\n"
    "Copyright Kabar Banten Media\n"
)
RAW_RELATED_COPYRIGHT_TITLE = "Jembatan Gantung di Lebak Putus, Puluhan Siswa Terpaksa Menyeberang Sungai"

# Mojibake as seen in scraped bodies: "‚Äô" (’ read as Mac Roman), "¬†" (a
# no-break space read as Mac Roman), "â€œ…â€\x9d" (“…” read as cp1252).
RAW_MOJIBAKE = (
    "Warga Depok Keluhkan Bau Sampah dari TPA Cipayung\n"
    "Depok - Warga di sekitar TPA Cipayung mengeluhkan bau menyengat sejak pekan lalu.\n"
    "Menurut Ketua RW 05, Ahmad Fauzi, bau itu tercium sejak Jum‚Äôat¬†pagi. "
    "â€œKami sudah lapor ke kelurahan,â€\x9d ujarnya. Dilansir dari Radar Depok, pemkot berjanji menambah alat berat.\n"
)

RAW_NO_TITLE = (
    "Pemerintah Kabupaten Sleman menambah jumlah bus sekolah gratis mulai bulan depan untuk siswa di wilayah "
    "lereng Merapi, kata Kepala Dinas Perhubungan Sleman dalam keterangan tertulis, Selasa. Menurut data dinas, "
    "lebih dari seribu siswa setiap hari menempuh perjalanan jauh ke sekolah."
)

RAW_ONLY_FURNITURE = "News Video\nHome Internasional\nSenin, 04 Jul 2022 10:15 WIB\nTags\nShare\nKomentar\n"


# --- whole articles for the CLI and scorer tests (written by the team)

CLI_POLICE = """Home Metro
Polisi Bekuk Tiga Pelaku Curanmor di Depok
- Rabu, 9 Juli 2025, 14:20 WIB
DEPOKNEWS - Polres Depok menangkap tiga pria yang diduga mencuri sepeda motor di lima lokasi.
"Ketiga tersangka kami tangkap di sebuah rumah kos di Sukmajaya," kata Kapolres Depok Kombes Arya Wibisana dalam konferensi pers, Rabu (9/7/2025).
Arya menjelaskan, polisi menyita empat sepeda motor dan dua kunci leter T sebagai barang bukti.
Baca juga: Lima Tips Aman Parkir Motor di Mal
Kasat Reskrim Polres Depok AKBP Hendra Saputra menambahkan, para tersangka dijerat Pasal 363 KUHP.
Editor: Sinta Lestari
"""

CLI_GOSSIP = """Heboh! Penyanyi Dewi Kirana Dikabarkan Menikah Diam-diam di Bali
Penyanyi Dewi Kirana dikabarkan telah menikah secara diam-diam dengan seorang pengusaha di Bali.
Kabar itu beredar setelah sebuah foto pernikahan viral di media sosial dan ramai dibicarakan warganet.
Menurut sumber yang enggan disebutkan namanya, pesta itu hanya dihadiri keluarga dekat.
Hingga kini kabar tersebut belum dikonfirmasi oleh pihak Dewi maupun manajemennya.
"""


# --- cue snippets (one or two sentences per case; written for these tests)

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
